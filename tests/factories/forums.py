import factory
from django.db.models import F
from django.utils import timezone

from forums.markup import render_markdown
from forums.models import Audience, Category, Post, Reaction, Subscription, Topic
from tests.factories.community import UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Where we talk."
    read_audience = Audience.EVERYONE
    post_audience = Audience.MEMBERS

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.allowed_members.add(*extracted)


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic with its first post (posts=N adds N-1 replies); the author follows it."""

    class Meta:
        model = Topic
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    author = factory.SubFactory(UserFactory)
    last_post_at = factory.LazyFunction(timezone.now)
    last_post_author = factory.SelfAttribute("author")

    @factory.post_generation
    def posts(obj, create, extracted, **kwargs):
        if not create:
            return
        count = extracted if extracted is not None else 1
        first = obj.last_number
        Post.objects.bulk_create(
            [
                Post(
                    topic=obj,
                    number=first + i + 1,
                    author=obj.author,
                    body=f"Post {i + 1} text",
                    body_html=render_markdown(f"Post {i + 1} text"),
                )
                for i in range(count)
            ]
        )
        if obj.author_id and not first:
            Subscription.objects.get_or_create(user_id=obj.author_id, topic=obj)
        obj.last_number = first + count
        obj.post_count += count
        obj.save()
        Category.objects.filter(pk=obj.category_id).update(
            topic_count=Topic.objects.filter(category_id=obj.category_id).count(),
            post_count=F("post_count") + count,
        )


class PostFactory(factory.django.DjangoModelFactory):
    """A reply appended to a topic (use services.post_create when behaviour matters)."""

    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory)
    body = "A reply"
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))

    @factory.lazy_attribute
    def number(self):
        topic = self.topic
        topic.last_number += 1
        topic.post_count += 1
        Topic.objects.filter(pk=topic.pk).update(
            last_number=topic.last_number, post_count=topic.post_count
        )
        return topic.last_number


class ReactionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reaction

    post = factory.SubFactory(PostFactory)
    user = factory.SubFactory(UserFactory)
    kind = "👍"
