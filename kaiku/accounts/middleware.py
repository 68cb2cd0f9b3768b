from __future__ import annotations

from django.utils import translation


class UserLanguageMiddleware:
    """Remember a logged-in person's language choice on their profile.

    ``LocaleMiddleware`` has already picked the language from the URL prefix; when that
    differs from the person's stored preference because they switched language, store it so
    emails and the next visit use it too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.method == "POST"
            and request.path.startswith("/i18n/setlang")
        ):
            language = translation.get_language()
            posted = request.POST.get("language")
            if posted and posted != user.preferred_language and translation.check_for_language(
                posted
            ):
                user.preferred_language = posted
                user.save(update_fields=["preferred_language"])
            del language
        return response
