"""The admin's reports of what students type (searches, messages to Charly): anonymous and
masked, but still students' words, so only editors with the permission given to the
communication commission see them, or their menu entries."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem

STUDENT_REPORTS = "home.view_student_reports"


def can_see_student_reports(user):
    return user.has_perm(STUDENT_REPORTS)


class StudentReportMixin:
    """For the report views: 403 without the permission."""

    def dispatch(self, request, *args, **kwargs):
        if not can_see_student_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StudentReportMenuItem(MenuItem):
    """A Reports menu entry shown only to editors with the permission."""

    def is_shown(self, request):
        return can_see_student_reports(request.user)
