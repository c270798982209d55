from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "scorecards.web.contracts"
    label = "contracts"
    default_auto_field = "django.db.models.BigAutoField"
