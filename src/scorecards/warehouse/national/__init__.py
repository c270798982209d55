"""Published national figures: DfE tidy open data, LAIT and statistical-neighbour groupings."""
