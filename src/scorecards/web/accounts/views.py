"""Signing in (throttled), signing out, and the administrators' people pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from scorecards.web.accounts.context import access_for
from scorecards.web.accounts.models import LoginFailure, Profile, Role
from scorecards.web.accounts.people import save_person
from scorecards.web.contracts.models import Provider


class SignInForm(forms.Form):
    email = forms.EmailField(max_length=254, error_messages={"required": "Enter your email address"})
    password = forms.CharField(
        max_length=200, strip=False, error_messages={"required": "Enter your password"}
    )


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    status, error = 200, ""
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        keys = (f"email:{email}", f"address:{request.META.get('REMOTE_ADDR', '')}")
        if LoginFailure.too_many(*keys):
            status, error = 429, "Too many failed attempts. Wait 15 minutes, then try again."
        else:
            user = authenticate(request, username=email, password=form.cleaned_data["password"])
            if user is None:
                LoginFailure.record(*keys)
                status, error = 400, "The email address or password is not right"
            else:
                LoginFailure.forget(keys[0])
                login(request, user)
                return redirect(_next(request))
    elif request.method == "POST":
        status = 400
    return render(request, "accounts/sign_in.html", {"form": form, "error": error}, status=status)


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/releases/"


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("releases")


class PersonForm(forms.Form):
    email = forms.EmailField(max_length=254)
    role = forms.ChoiceField(choices=Role.choices)
    services = forms.CharField(required=False, max_length=1000)
    provider = forms.ModelChoiceField(queryset=Provider.objects.all(), required=False)
    password = forms.CharField(required=False, strip=False, max_length=200)

    def clean(self) -> dict[str, object] | None:
        data = super().clean() or {}
        if data.get("role") == Role.PROVIDER and not data.get("provider"):
            raise ValidationError("Choose the provider this person works for")
        return data


@login_required
def people(request: HttpRequest) -> HttpResponse:
    if not access_for(request).can_manage_users():
        raise PermissionDenied("Only administrators manage people")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_person(
                data["email"],
                data["role"],
                password=data["password"] or None,
                services=[s.strip() for s in data["services"].split(",") if s.strip()],
                provider=data["provider"],
                by=request.user if isinstance(request.user, User) else None,
            )
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            messages.success(request, f"{data['email']} saved")
            return redirect("people")
    profiles = Profile.objects.select_related("user", "provider").order_by("user__email")
    return render(
        request, "accounts/people.html", {"form": form, "profiles": profiles, "roles": Role.choices}
    )


@login_required
@require_POST
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    if not access_for(request).can_manage_users():
        raise PermissionDenied("Only administrators manage people")
    from scorecards.web.accounts.people import deactivate as switch_off

    person = get_object_or_404(User, pk=pk)
    switch_off(person, request.user if isinstance(request.user, User) else None)
    messages.success(request, f"{person.email} can no longer sign in")
    return redirect("people")
