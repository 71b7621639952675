"""The site's shell in the admin: who reads form submissions, and the dashboard's to-do lists."""

from wagtail import hooks

from .dashboard import todo_panels_for


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_form_submissions(user, editable_forms):
    """Submissions hold people's personal data: editing a form page is not enough to read them."""
    if user.has_perm("wagtailforms.view_formsubmission"):
        return editable_forms
    return editable_forms.none()


@hooks.register("construct_homepage_panels")
def add_todo_panels(request, panels):
    panels.extend(todo_panels_for(request.user))
