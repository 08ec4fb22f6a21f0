"""Forums: categories with audiences, topics, posts, reactions, subscriptions, read state,
reports and the moderation log.

Post bodies are stored twice: the author's Markdown and the sanitised HTML rendered once
on save (see forums/markup.py), so a page view never renders Markdown.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone, also visitors")
    MEMBERS = "members", _("Signed-in members")
    TEACHERS = "teachers", _("Teachers and school leaders")
    SCHOOL = "school", _("Members of one school")
    COUNTY = "county", _("Members of schools in one county network")
    SELECTED = "selected", _("Selected members")


class Category(models.Model):
    """A place for discussions; who may read and who may post are set separately.

    The school, county and selected members apply to both audiences when chosen.
    Moderators read and post everywhere.
    """

    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    # The name and description in Danish and English; empty shows the Norwegian. Fields
    # rather than locale copies, as for the library's terms: one row keeps its access
    # rules, counters and topics in one place.
    title_da = models.CharField(_("title (Danish)"), max_length=120, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=120, blank=True)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    read_audience = models.CharField(
        _("who may read"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE
    )
    post_audience = models.CharField(
        _("who may post"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    county = models.ForeignKey(
        "schools.County",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county network"),
    )
    allowed_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("selected members")
    )
    allow_pupils = models.BooleanField(
        _("pupils may post"),
        default=False,
        help_text=_("Pupils post only here and only once their school has recorded consent."),
    )
    approve_first_posts = models.BooleanField(_("approve new members' first posts"), default=False)
    slow_mode_seconds = models.PositiveIntegerField(
        _("slow mode (seconds between a member's posts)"), default=0
    )
    # Denormalised so the category list needs no aggregate per row.
    topic_count = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:category", args=[self.slug])

    def _in_language(self, field: str) -> str:
        language = (get_language() or "nb").split("-")[0]
        return getattr(self, f"{field}_{language}", "") or getattr(self, field)

    @property
    def label(self) -> str:
        """The title in the active language, else the Norwegian one."""
        return self._in_language("title")

    @property
    def label_description(self) -> str:
        return self._in_language("description")


class TopicKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class Topic(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="topics")
    title = models.CharField(_("title"), max_length=160)
    kind = models.CharField(
        _("kind"), max_length=12, choices=TopicKind.choices, default=TopicKind.DISCUSSION
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    solution = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Posts are numbered 1, 2, 3... per topic; read state stores the last number read.
    last_number = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)  # visible posts
    last_post_at = models.DateTimeField(db_index=True)
    last_post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-is_pinned", "-last_post_at"]
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_post_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:topic", args=[self.pk])

    @property
    def is_solved(self) -> bool:
        return self.solution_id is not None


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The author deleted it after the grace period: the thread keeps a "removed" stub.
    is_removed = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)
    is_approved = models.BooleanField(default=True)
    # {"👍": 3, "❤️": 1}: kept on the row so a page shows counts without a query.
    reaction_counts = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["topic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="post_number_per_topic")
        ]

    def __str__(self):
        return f"{self.topic} #{self.number}"

    def get_absolute_url(self):
        return reverse("forums:post", args=[self.pk])

    @property
    def is_visible(self) -> bool:
        return self.is_approved and not self.is_hidden


class PostRevision(models.Model):
    """The text before an edit; shown to moderators and the author."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.post_id} ({self.created_at:%Y-%m-%d %H:%M})"


class ReactionKind(models.TextChoices):
    THUMBS_UP = "👍", _("Thumbs up")
    HEART = "❤️", _("Heart")
    MUSIC = "🎵", _("Music")
    IDEA = "💡", _("Good idea")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_per_kind")
        ]

    def __str__(self):
        return f"{self.kind} on {self.post_id}"


class Subscription(models.Model):
    """Following a topic (replies) or a category (new topics)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="follow_topic_once"),
            models.UniqueConstraint(fields=["user", "category"], name="follow_category_once"),
            models.CheckConstraint(
                condition=models.Q(topic__isnull=False, category__isnull=True)
                | models.Q(topic__isnull=True, category__isnull=False),
                name="follow_topic_or_category",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.topic_id or self.category_id}"


class ReadState(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="read_states")
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="read_state_per_topic")
        ]

    def __str__(self):
        return f"{self.user_id} read {self.topic_id} to #{self.last_read_number}"


class Draft(models.Model):
    """What a member is typing, saved while they type; one per topic (reply) or category."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True)
    title = models.CharField(max_length=160, blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="draft_per_topic"),
            models.UniqueConstraint(fields=["user", "category"], name="draft_per_category"),
        ]

    def __str__(self):
        return f"Draft by {self.user_id}"


class Report(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Report on {self.post_id}"


class Suspension(models.Model):
    """A member may not post until `until`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_suspensions"
    )
    until = models.DateTimeField()
    reason = models.CharField(max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id} until {self.until:%Y-%m-%d}"


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hid a post")
    RESTORE = "restore", _("Restored a post")
    APPROVE = "approve", _("Approved a post")
    LOCK = "lock", _("Locked a topic")
    UNLOCK = "unlock", _("Unlocked a topic")
    PIN = "pin", _("Pinned a topic")
    UNPIN = "unpin", _("Unpinned a topic")
    HIDE_TOPIC = "hide_topic", _("Hid a topic")
    RESTORE_TOPIC = "restore_topic", _("Restored a topic")
    MOVE = "move", _("Moved a topic")
    MERGE = "merge", _("Merged topics")
    SPLIT = "split", _("Split a topic")
    SUSPEND = "suspend", _("Suspended a member from posting")
    RESOLVE = "resolve", _("Resolved a report")
    SLOW_MODE = "slow_mode", _("Changed slow mode")


class ModerationLogEntry(models.Model):
    """Every moderation action, with who did it and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=ModerationAction.choices)
    reason = models.CharField(_("reason"), max_length=300)
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True)
    post = models.ForeignKey(Post, on_delete=models.SET_NULL, null=True, blank=True)
    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    details = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.action} by {self.actor_id}"

    @property
    def details_text(self) -> str:
        """The details in the reader's language: numbers are logged bare, for any reader."""
        from django.utils.translation import gettext, ngettext

        if self.action in {ModerationAction.SLOW_MODE, ModerationAction.SUSPEND}:
            try:
                n = int(self.details)
            except ValueError:
                return self.details
            if self.action == ModerationAction.SUSPEND:
                return ngettext("for %(n)s day", "for %(n)s days", n) % {"n": n}
            if n == 0:
                return gettext("slow mode off")
            return ngettext("one post every %(n)s second", "one post every %(n)s seconds", n) % {
                "n": n
            }
        return self.details
