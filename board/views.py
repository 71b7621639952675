"""The board's public views, served by `BoardIndexPage` routes: the list, a post with its reply form, posting."""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from home import mail
from home.pagination import paginate
from home.submission import submit

from .filters import filter_posts
from .forms import BoardPostForm, BoardReplyForm
from .models import BoardPost

PER_PAGE = 20


def board(request, index_page):
    posts = BoardPost.objects.on_board().select_related("actor", "commune").order_by("expires_on", "pk")
    form, posts = filter_posts(request.GET, posts)
    page_obj = paginate(request, posts, PER_PAGE)
    return TemplateResponse(
        request,
        "board/board_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "form": form,
            "posts": list(page_obj),
            "page_obj": page_obj,
            "result_count": page_obj.paginator.count,
            "filter_active": any(request.GET.get(name) for name in form.fields),
        },
    )


def post_detail(request, index_page, pk):
    post = BoardPost.objects.on_board().select_related("actor", "commune").filter(pk=pk).first()
    if post is None:
        raise Http404("Cette annonce n'est plus sur le tableau.")
    context = {"page": index_page, "self": index_page, "post": post}
    if request.method != "POST":
        return TemplateResponse(request, "board/post_detail.html", {**context, "form": BoardReplyForm()})

    def save(form):
        reply = form.save(commit=False)
        reply.post = post
        reply.save()
        return reply

    return submit(
        request,
        BoardReplyForm(request.POST),
        rate_limit_group="board-reply",
        save=save,
        notify=lambda reply: send_reply(request, index_page, reply),
        show_form=lambda form: TemplateResponse(request, "board/post_detail.html", {**context, "form": form}),
        thank=lambda reply: TemplateResponse(request, "board/reply_sent.html", context),
    )


def send_reply(request, index_page, reply) -> None:
    """E-mails a reply to the poster (their address stays hidden from the replier), with the replier as Reply-To."""
    post = reply.post
    post_url = request.build_absolute_uri(index_page.get_url(request) + f"{post.pk}/")
    body = (
        f"Bonjour,\n\n{reply.name} répond à votre annonce « {post.title} » ({post_url}) :\n\n{reply.message}\n\n"
        f"Pour lui répondre, répondez simplement à cet e-mail ({reply.email}).\n\n"
        "Quand l'annonce est pourvue, prévenez le club : elle quittera le tableau."
    )
    mail.send(f"Réponse à votre annonce : {post.title}", body, [post.reply_address], reply_to=reply.email)


def propose(request, index_page):
    context = {"page": index_page, "self": index_page}
    if request.method != "POST":
        return TemplateResponse(request, "board/post_form.html", {**context, "form": BoardPostForm()})
    return submit(
        request,
        BoardPostForm(request.POST),
        rate_limit_group="board-post",
        save=create_post,
        notify=notify_moderators,
        show_form=lambda form: TemplateResponse(request, "board/post_form.html", {**context, "form": form}),
        thank=lambda post: TemplateResponse(request, "board/post_submitted.html", context),
    )


@transaction.atomic
def create_post(form) -> BoardPost:
    """Saves the post unpublished and submits it to its moderation workflow (if one is set)."""
    post = form.save(commit=False)
    post.live = False
    post.save()
    post.save_revision(log_action=True)
    workflow = post.get_workflow()
    if workflow is not None:
        workflow.start(post, user=None)
    return post


def notify_moderators(post: BoardPost) -> None:
    edit_url = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailsnippets_board_boardpost:edit", args=[post.pk])
    body = (
        f"Une annonce a été proposée pour le tableau de mutualisation :\n\n"
        f"{post.get_kind_display()} · {post.get_category_display()} · {post.commune or 'commune non précisée'}\n"
        f"{post.title}\n\n{post.description}\n\n"
        f"Structure : {post.poster_name}\nContact : {post.contact_name} <{post.contact_email}>\n"
        f"Visible jusqu'au {post.expires_on:%d/%m/%Y}\n\n"
        f"Vérifier et publier l'annonce : {edit_url}"
    )
    mail.send(f"Annonce proposée : {post.title}", body, mail.moderator_addresses(), reply_to=post.contact_email)
