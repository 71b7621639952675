"""« Acteurs concernés » of a news item: from a many-to-many field to ordered links (news.NewsPageActor), chosen
in the admin among published actors. The links and every saved revision are copied over; the old field goes in
the next migration (a table is not altered in the transaction that fills it, for PostgreSQL)."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


def copy_links(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    NewsPageActor = apps.get_model("news", "NewsPageActor")
    Through = NewsPage._meta.get_field("related_actors").remote_field.through
    rows = Through.objects.order_by("newspage_id", "actor__name", "actor_id").values_list("newspage_id", "actor_id")
    links, order = [], {}
    for page_id, actor_id in rows:
        order[page_id] = order.get(page_id, -1) + 1
        links.append(NewsPageActor(page_id=page_id, actor_id=actor_id, sort_order=order[page_id]))
    NewsPageActor.objects.bulk_create(links, batch_size=500)


def convert_revisions(apps, schema_editor):
    """A revision kept the actors' ids; it now keeps the links, as the page's own revisions will."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="news", model="newspage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        actor_ids = revision.content.get("related_actors")
        if not isinstance(actor_ids, list) or all(isinstance(item, dict) for item in actor_ids):
            continue
        page_id = revision.content.get("pk") or int(revision.object_id)
        revision.content["related_actors"] = [
            {"pk": None, "page": page_id, "actor": actor_id, "sort_order": order}
            for order, actor_id in enumerate(actor_ids)
        ]
        revision.save(update_fields=["content"])


def restore_revisions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="news", model="newspage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        links = revision.content.get("related_actors")
        if isinstance(links, list) and all(isinstance(item, dict) for item in links):
            revision.content["related_actors"] = [link["actor"] for link in links]
            revision.save(update_fields=["content"])


def copy_links_back(apps, schema_editor):
    NewsPage = apps.get_model("news", "NewsPage")
    NewsPageActor = apps.get_model("news", "NewsPageActor")
    Through = NewsPage._meta.get_field("related_actors").remote_field.through
    Through.objects.bulk_create(
        [Through(newspage_id=link.page_id, actor_id=link.actor_id) for link in NewsPageActor.objects.all()],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0006_actor_imports_in_the_background"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0005_shared_postal_address_help_text"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="NewsPageActor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "actor",
                    models.ForeignKey(
                        help_text="Tapez le début de son nom ; seules les fiches publiées de l'annuaire sont proposées.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="news_links",
                        to="actors.actor",
                        verbose_name="acteur",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_actor_links",
                        to="news.newspage",
                    ),
                ),
            ],
            options={
                "verbose_name": "acteur concerné",
                "verbose_name_plural": "acteurs concernés",
                "ordering": ["sort_order"],
                "abstract": False,
                "constraints": [models.UniqueConstraint(fields=("page", "actor"), name="news_actor_once_per_news")],
            },
        ),
        migrations.RunPython(copy_links, copy_links_back),
        migrations.RunPython(convert_revisions, restore_revisions),
    ]
