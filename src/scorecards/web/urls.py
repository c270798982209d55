"""Every URL of the web application."""

from __future__ import annotations

from django.urls import path

from scorecards.web.accounts import views as accounts
from scorecards.web.audit import views as audit
from scorecards.web.contracts import views as contracts
from scorecards.web.releases import indicators, pages
from scorecards.web.releases import views as releases

urlpatterns = [
    path("", releases.index, name="home"),
    path("sign-in/", accounts.sign_in, name="login"),
    path("sign-out/", accounts.sign_out, name="logout"),
    path("people/", accounts.people, name="people"),
    path("people/<int:pk>/deactivate/", accounts.deactivate, name="deactivate"),
    path("audit/", audit.audit, name="audit"),
    path("releases/", releases.releases, name="releases"),
    path("releases/new/", releases.build, name="build"),
    path("releases/<slug:slug>/", releases.release, name="release"),
    path("releases/<slug:slug>/publish/", releases.publish, name="publish"),
    path("releases/<slug:slug>/downloads/<str:name>", releases.download, name="download"),
    path("releases/<slug:slug>/scorecards/<slug:page>/", pages.scorecard, name="scorecard"),
    path("releases/<slug:slug>/indicators/<str:code>/", indicators.indicator, name="indicator"),
    path(
        "releases/<slug:slug>/indicators/<str:code>/commentary/",
        indicators.write_commentary,
        name="write-commentary",
    ),
    path(
        "releases/<slug:slug>/commentary/<int:pk>/approve/",
        indicators.approve_commentary,
        name="approve-commentary",
    ),
    path("releases/<slug:slug>/districts/<str:code>/", indicators.district, name="district"),
    path(
        "releases/<slug:slug>/contracts/<slug:code>/", contracts.contract_scorecard, name="contract-scorecard"
    ),
    path("contracts/", contracts.contracts, name="contracts"),
    path("contracts/<slug:code>/", contracts.contract, name="contract"),
    path(
        "contracts/<slug:code>/<str:kind>/<str:month>/<str:geography>/",
        contracts.write,
        name="contract-write",
    ),
]
