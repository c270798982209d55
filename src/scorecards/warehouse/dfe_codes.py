"""Code lists of the DfE's data collections, shared by the loaders.

An unknown code is loaded with a warning, never rejected (see `records.py`),
so these lists only decide what the analyst is told about: real extracts
carry old and local codes, and the analyst should see them rather than lose
the record. Each list is the union over the collection years a council may
still hold, because an extract of last year's census is not wrong for using
last year's codes. Sources: the DfE school census business and technical
specifications (2015 to 2025), as transcribed in
SocialFinanceDigitalLabs/liia-tools-pipeline's `school_census_schema_*.yml`;
the SSDA903 and CIN census guides for the main ethnicity codes.
"""

from __future__ import annotations


def _codes(text: str) -> frozenset[str]:
    """A code list written as words, as the specifications print them."""
    return frozenset(text.split())


# Extended ethnicity codes (school census, 2025 list), which include the main codes
# SSDA903 and the CIN census use. The first letter is the major group: W White,
# M Mixed, A Asian, B Black, C Chinese, O any other; NOBT not obtained, REFU refused.
ETHNICITY = _codes(
    """
    WBRI WCOR WENG WNIR WSCO WWEL WOWB WIRI WIRT WOTH WALB WBOS WCRO WGRE WGRK WGRC WITA WKOS WPOR
    WSER WTUR WTUK WTUC WEUR WEEU WWEU WOTW WROM WROG WROR WROO
    MWBC MWBA MWAS MWAP MWAI MWAO MOTH MAOE MABL MACH MBOE MBCH MCOE MWOE MWCH MOTM
    AIND APKN AMPK AKPA AOPK ABAN AOTH AAFR AKAO ANEP ASNL ASLT ASRO AOTA ABRI AWEL
    BBRI BWEL BCRB BAFR BANN BCON BGHA BNGN BSLN BSOM BSUD BAOF BOTH BEUR BNAM BOTB
    CHNE CHKC CMAL CSNG CTWN COCH
    OOTH OAFG ORAB OARA OEGY OFIL OIRN OIRQ OJPN OKOR OKRD OLAM OLEB OLIB OMAL OMRC OPOL OTHA OVIE
    OYEM OOEG
    NOBT REFU
    """
)

# Main ethnicity codes, which councils that do not use the extended list send.
ETHNICITY_MAIN = _codes(
    "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH NOBT REFU"
)

SEX = frozenset({"M", "F"})

# Special educational needs provision: N none, K SEN support, E education,
# health and care plan; S statement, A School Action, P School Action Plus
# (codes of the years before 2014's reforms, still in old extracts).
SEN_PROVISION = frozenset({"N", "K", "E", "S", "A", "P"})

# SEN primary/secondary need types (BESD before 2015, SEMH since).
SEN_TYPE = frozenset(
    {"SPLD", "MLD", "SLD", "PMLD", "SEMH", "BESD", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "NSA"}
)

NC_YEAR = frozenset({"E1", "E2", "N1", "N2", "R", *(str(y) for y in range(1, 15)), "M", "X"})

ENROL_STATUS = frozenset({"C", "M", "S", "F", "O", "G"})
BOARDER = frozenset({"B", "6", "7", "N"})
CLASS_TYPE = frozenset({"N", "O"})
ADOPTED_FROM_CARE = frozenset({"N", "A", "G", "R", "C"})
EY_PUPIL_PREMIUM_BASIS = frozenset({"RE", "RO", "RB", "RU"})
UK_COUNTRY = frozenset({"ENG", "NIR", "SCT", "WLS"})

EXCLUSION_CATEGORY = frozenset({"PERM", "FIXD", "LNCH"})
EXCLUSION_REASON = frozenset({"PP", "PA", "VP", "VA", "BU", "RA", "SM", "DA", "DM", "TH", "DB", "MT", "OT"})

# Attendance (absence) codes: the 2025 set and the codes it replaced (F, H,
# J and Y, now split into J1 and Y1 to Y7), so that older terms load without noise.
ATTENDANCE_REASON = frozenset(
    {
        "/",
        "\\",
        *_codes("B C D E F G H I J K L M N O P Q R S T U V W X Y Z"),
        "C1",
        "C2",
        "J1",
        *(f"Y{n}" for n in range(1, 8)),
        "#",
    }
)
