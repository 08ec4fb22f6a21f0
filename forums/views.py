"""Thin views: parse input, call one service or selector, render."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.converters import parse_id
from community.members.models import User

from . import cache as forum_cache
from . import selectors, services
from .access import can_post, viewer_for
from .forms import (
    EditForm,
    MergeForm,
    MoveForm,
    PostForm,
    ReasonForm,
    ReportForm,
    SlowModeForm,
    SplitForm,
    SuspendForm,
    TopicForm,
    TopicModerationForm,
)
from .markup import quote_markdown
from .models import Category, Draft, ModerationAction, ReactionKind, Topic


def forum_view(view):
    """Visitors who hit a members-only place are sent to log in instead of a 403."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise

    return wrapper


def _moderator_required(request):
    if not viewer_for(request.user).is_moderator:
        raise PermissionDenied(_("Only moderators can open this page."))


def _form_error(form, error: services.ForumError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# --- reading ---------------------------------------------------------------------


def index(request):
    viewer = viewer_for(request.user)
    return render(
        request,
        "forums/index.html",
        {"categories": selectors.categories_for(viewer), "viewer": viewer},
    )


@forum_view
def category_detail(request, slug):
    viewer = viewer_for(request.user)
    category = selectors.access_category_by_slug(viewer, slug)
    page = Paginator(selectors.topics_in(viewer, category), selectors.TOPICS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    children = [
        child for child in selectors.categories_for(viewer) if child.parent_id == category.pk
    ] or getattr(category, "readable_children", [])
    return render(
        request,
        "forums/category.html",
        {
            "category": category,
            "page": page,
            "children": children,
            "can_post": can_post(viewer, category),
            "followed": selectors.category_followed(viewer, category),
            "viewer": viewer,
        },
    )


@forum_view
def topic_detail(request, pk):
    viewer = viewer_for(request.user)
    topic = selectors.access_topic_by_id(viewer, pk, for_page=True)
    page = selectors.thread_page(topic, request.GET.get("page"))
    permissions = selectors.topic_permissions(viewer, topic)
    context = {
        "topic": topic,
        "category": topic.category,
        "page": page,
        "form": None,
        "permissions": permissions,
        "viewer": viewer,
        "user_id": viewer.pk,
    }
    if not viewer.is_authenticated:
        # Every visitor sees the same list: rendered once, then served from the cache.
        context["posts_html"] = forum_cache.visitor_posts_html(
            topic,
            page.number,
            lambda: render_to_string(
                "forums/components/posts.html",
                {**context, "posts": selectors.with_reactions(viewer, page.object_list)},
            ),
        )
        return render(request, "forums/topic.html", context)
    last_read = getattr(topic, "last_read", None)
    context["posts_html"], last_number = forum_cache.member_posts_html(
        topic,
        page,
        user_id=viewer.pk,
        permissions=permissions,
        last_read=last_read or 0,
        reactions_of=lambda ids: selectors.my_reactions_on(viewer, ids),
        load_posts=lambda ids: selectors.posts_by_ids(topic, ids),
        render_post=functools.partial(_render_post, context),
        csrf_token=get_token(request),
    )
    if last_number is not None:
        # Reading a page marks its posts as read; the page still shows what was new.
        services.read_state_update(
            user=request.user, topic=topic, number=last_number, known=last_read or 0
        )
    if permissions.can_reply and not page.has_next():
        context["form"] = forum_cache.reply_form_html(PostForm, topic.draft_body or "")
    return render(request, "forums/topic.html", context)


def _render_post(context, post, facts) -> str:
    """One post as the member sees it, for the cache: only `facts` may be about them."""
    post.is_new, post.is_own = facts["is_new"], facts["is_own"]
    post.reaction_list = [
        (kind, label, post.reaction_counts.get(kind, 0), kind in facts["mine"])
        for kind, label in ReactionKind.choices
    ]
    return render_to_string(
        "forums/components/post.html",
        {
            "post": post,
            "topic": context["topic"],
            "permissions": context["permissions"],
            "viewer": context["viewer"],
            "is_topic_author": context["topic"].author_id == context["user_id"],
            "csrf_token": forum_cache.CSRF_PLACEHOLDER,
        },
    )


def _draft_body(user, topic) -> str:
    draft = Draft.objects.filter(user=user, topic=topic).values_list("body", flat=True).first()
    return draft or ""


@forum_view
def topic_unread(request, pk):
    """Jump to the first post the member has not read yet."""
    viewer = viewer_for(request.user)
    topic = selectors.access_topic_by_id(viewer, pk)
    number = (getattr(topic, "last_read", None) or 0) + 1
    number = min(number, topic.last_number)
    page = selectors.page_of_number(topic, number)
    return redirect(f"{topic.get_absolute_url()}?page={page}#post-{number}")


@forum_view
def post_link(request, pk):
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    page = selectors.page_of_number(post.topic, post.number)
    return redirect(f"{post.topic.get_absolute_url()}?page={page}#post-{post.number}")


@login_required
@forum_view
def post_history(request, pk):
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    if not (viewer.is_moderator or post.author_id == request.user.pk):
        raise PermissionDenied(_("Only the author and moderators see the edit history."))
    return render(
        request,
        "forums/post_history.html",
        {"post": post, "topic": post.topic, "revisions": selectors.revisions_of(post)},
    )


# --- writing -----------------------------------------------------------------------


@login_required
@forum_view
def topic_create(request, slug):
    viewer = viewer_for(request.user)
    category = selectors.access_category_by_slug(viewer, slug)
    if not can_post(viewer, category):
        raise PermissionDenied(_("You cannot start topics in this category."))
    draft = Draft.objects.filter(user=request.user, category=category).first()
    initial = {"title": draft.title, "body": draft.body} if draft else {}
    form = TopicForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            topic = services.topic_create(
                user=request.user,
                category=category,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                kind=form.cleaned_data["kind"],
            )
        except services.ForumError as error:
            _form_error(form, error)
        else:
            if topic.is_hidden:
                messages.info(request, _("Thanks! A moderator will approve your topic soon."))
                return redirect(category)
            return redirect(topic)
    return render(
        request,
        "forums/topic_form.html",
        {"form": form, "category": category, "draft_url": reverse("forums:draft_save")},
    )


@login_required
@forum_view
def reply(request, pk):
    viewer = viewer_for(request.user)
    topic = selectors.access_topic_by_id(viewer, pk)
    initial = {}
    # What the member already typed (the draft kept while typing) stays; a quote is
    # added after it rather than replacing it.
    initial["body"] = _draft_body(request.user, topic)
    quote_id = parse_id(request.GET.get("quote", ""))
    if quote_id is not None:
        quoted = selectors.access_post_by_id(viewer, quote_id)
        if quoted.topic_id == topic.pk and quoted.is_visible and not quoted.is_removed:
            quote = quote_markdown(str(quoted.author or ""), quoted.body)
            draft = initial["body"].rstrip()
            initial["body"] = f"{draft}\n\n{quote}" if draft else quote
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.post_create(
                user=request.user, topic=topic, body=form.cleaned_data["body"]
            )
        except services.ForumError as error:
            _form_error(form, error)
        else:
            if not post.is_approved:
                messages.info(request, _("Thanks! A moderator will approve your reply soon."))
                return redirect(topic)
            return redirect(post)
    if not selectors.topic_permissions(viewer, topic).can_reply:
        raise PermissionDenied(_("You cannot reply in this topic."))
    return render(
        request,
        "forums/reply_form.html",
        {
            "form": form,
            "topic": topic,
            "category": topic.category,
            "draft_url": reverse("forums:draft_save"),
        },
    )


@login_required
@forum_view
def post_edit(request, pk):
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    if not services.can_edit(request.user, post):
        raise PermissionDenied(_("You cannot edit this post."))
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(user=request.user, post=post, body=form.cleaned_data["body"])
        except services.ForumError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(post)
    return render(
        request, "forums/post_edit.html", {"form": form, "post": post, "topic": post.topic}
    )


@login_required
@require_POST
@forum_view
def post_delete(request, pk):
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    topic = post.topic
    outcome = services.post_delete(user=request.user, post=post)
    if outcome == "deleted":
        messages.success(request, _("Your post is deleted."))
    else:
        messages.success(request, _("Your post is removed; the thread stays readable."))
    return redirect(topic)


@login_required
@require_POST
@forum_view
def post_react(request, pk):
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    try:
        services.reaction_toggle(user=request.user, post=post, kind=request.POST.get("kind", ""))
    except services.ForumError as error:
        messages.error(request, error.messages[0])
    return redirect(post)


@login_required
@forum_view
def post_report(request, pk):
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(user=request.user, post=post, reason=form.cleaned_data["reason"])
        except services.ForumError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Thank you. The moderators will look at the post."))
            return redirect(post)
    return render(
        request, "forums/report_form.html", {"form": form, "post": post, "topic": post.topic}
    )


@login_required
@require_POST
@forum_view
def post_solution(request, pk):
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    clear = request.POST.get("clear") == "1"
    try:
        services.topic_mark_solution(
            user=request.user, topic=post.topic, post=None if clear else post
        )
    except services.ForumError as error:
        messages.error(request, error.messages[0])
    return redirect(post)


@login_required
@require_POST
@forum_view
def topic_follow(request, pk):
    viewer = viewer_for(request.user)
    topic = selectors.access_topic_by_id(viewer, pk)
    follow = request.POST.get("follow") == "1"
    services.topic_follow(user=request.user, topic=topic, follow=follow)
    messages.success(
        request,
        _("You follow this topic.") if follow else _("You no longer follow this topic."),
    )
    return redirect(topic)


@login_required
@require_POST
@forum_view
def category_follow(request, slug):
    viewer = viewer_for(request.user)
    category = selectors.access_category_by_slug(viewer, slug)
    follow = request.POST.get("follow") == "1"
    services.category_follow(user=request.user, category=category, follow=follow)
    messages.success(
        request,
        _("You will hear of new topics here.")
        if follow
        else _("You no longer follow this category."),
    )
    return redirect(category)


@login_required
@require_POST
@forum_view
def draft_save(request):
    """Called while the member types; answers 204 (saved) or 400."""
    viewer = viewer_for(request.user)
    topic_id = request.POST.get("topic", "")
    slug = request.POST.get("category", "")
    topic_pk = parse_id(topic_id)
    topic = selectors.access_topic_by_id(viewer, topic_pk) if topic_pk is not None else None
    category = selectors.access_category_by_slug(viewer, slug) if slug and not topic else None
    if topic is None and category is None:
        return HttpResponse(_("Say which topic or category the draft belongs to."), status=400)
    try:
        services.draft_save(
            user=request.user,
            topic=topic,
            category=category,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        )
    except services.ForumError as error:
        return HttpResponse(error.messages[0], status=400)
    return HttpResponse(status=204)


# --- moderation --------------------------------------------------------------------


@login_required
@forum_view
def moderation_queue(request):
    _moderator_required(request)
    return render(
        request,
        "forums/moderation_queue.html",
        {
            "reports": selectors.open_reports()[:200],
            "pending": selectors.pending_posts()[:200],
            "form": ReasonForm(),
        },
    )


@login_required
@forum_view
def moderation_log(request):
    _moderator_required(request)
    page = Paginator(selectors.moderation_log(), 50).get_page(request.GET.get("page"))
    return render(request, "forums/moderation_log.html", {"page": page})


@login_required
@require_POST
@forum_view
def post_moderate(request, pk):
    _moderator_required(request)
    viewer = viewer_for(request.user)
    post = selectors.access_post_by_id(viewer, pk)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == ModerationAction.HIDE:
            services.post_hide(user=request.user, post=post, reason=reason)
        elif action == ModerationAction.RESTORE:
            services.post_hide(user=request.user, post=post, reason=reason, hide=False)
        elif action == ModerationAction.APPROVE:
            services.post_approve(user=request.user, post=post, reason=reason)
        else:
            messages.error(request, _("Unknown moderation action."))
            return redirect("forums:moderation_queue")
    except services.ForumError as error:
        messages.error(request, error.messages[0])
        return redirect(request.POST.get("next") == "queue" and "forums:moderation_queue" or post)
    messages.success(request, _("Done, and logged."))
    if request.POST.get("next") == "queue":
        return redirect("forums:moderation_queue")
    return redirect(post)


@login_required
@require_POST
@forum_view
def report_resolve(request, pk):
    _moderator_required(request)
    from .models import Report

    report = get_object_or_404(Report.objects.select_related("post__topic"), pk=pk)
    try:
        services.report_resolve(
            user=request.user, report=report, reason=request.POST.get("reason", "")
        )
    except services.ForumError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Report closed, and logged."))
    return redirect("forums:moderation_queue")


@login_required
@forum_view
def topic_moderate(request, pk):
    """Lock, pin, hide, move, merge and split, each a small form with a reason."""
    _moderator_required(request)
    viewer = viewer_for(request.user)
    topic = selectors.access_topic_by_id(viewer, pk)
    categories = Category.objects.order_by("title")
    forms = {
        "state": TopicModerationForm(prefix="state"),
        "move": MoveForm(prefix="move", categories=categories),
        "merge": MergeForm(prefix="merge"),
        "split": SplitForm(prefix="split"),
    }
    if request.method == "POST":
        which = request.POST.get("form", "")
        if which not in forms:
            messages.error(request, _("Unknown moderation action."))
            return redirect("forums:topic_moderate", pk=topic.pk)
        form_class = type(forms[which])
        extra = {"categories": categories} if which == "move" else {}
        form = form_class(request.POST, prefix=which, **extra)
        forms[which] = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                target = topic
                if which == "state":
                    services.topic_moderate(
                        user=request.user, topic=topic, action=data["action"], reason=data["reason"]
                    )
                elif which == "move":
                    services.topic_move(
                        user=request.user,
                        topic=topic,
                        category=data["category"],
                        reason=data["reason"],
                    )
                elif which == "merge":
                    target = Topic.objects.filter(pk=data["target"]).first()
                    if target is None:
                        raise services.ForumError(_("There is no topic with that number."))
                    services.topic_merge(
                        user=request.user, source=topic, target=target, reason=data["reason"]
                    )
                else:
                    target = services.topic_split(
                        user=request.user,
                        topic=topic,
                        numbers=data["numbers"],
                        title=data["title"],
                        reason=data["reason"],
                    )
            except services.ForumError as error:
                _form_error(form, error)
            else:
                messages.success(request, _("Done, and logged."))
                return redirect(target)
    return render(request, "forums/topic_moderate.html", {"topic": topic, "forms": forms})


@login_required
@forum_view
def category_slow_mode(request, slug):
    _moderator_required(request)
    viewer = viewer_for(request.user)
    category = selectors.access_category_by_slug(viewer, slug)
    form = SlowModeForm(request.POST or None, initial={"seconds": category.slow_mode_seconds})
    if request.method == "POST" and form.is_valid():
        try:
            services.category_set_slow_mode(
                user=request.user,
                category=category,
                seconds=form.cleaned_data["seconds"],
                reason=form.cleaned_data["reason"],
            )
        except services.ForumError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Done, and logged."))
            return redirect(category)
    return render(request, "forums/slow_mode.html", {"form": form, "category": category})


@login_required
@forum_view
def member_suspend(request, user_id):
    _moderator_required(request)
    member = get_object_or_404(User, pk=user_id)
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_suspend(
                user=request.user,
                member=member,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except services.ForumError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Done, and logged."))
            return redirect("forums:moderation_log")
    return render(request, "forums/suspend.html", {"form": form, "member": member})
