"""The old many-to-many « Acteurs concernés » goes; the ordered links take its name (see 0006)."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("news", "0006_news_page_actors_in_order")]

    operations = [
        migrations.RemoveField(model_name="newspage", name="related_actors"),
        migrations.AlterField(
            model_name="newspageactor",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="related_actors", to="news.newspage"
            ),
        ),
    ]
