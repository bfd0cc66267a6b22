"""Covering indexes for the browse list on a large bank (bench/question_list_api.py).

Each lets PostgreSQL answer a browse query from an index alone, without visiting the
wide question rows (statement, tsvector) or the tag rows:

- tags of one company in one window, most asked first, with their question: a
  company's list and its count;
- a question's title by id: the tie-break when sorting those tags by title;
- kind and difficulty, sorted by title and id: the kind/difficulty filters and their
  count;
- the questions of a topic: the topic filter (the many-to-many table is Django's own,
  so this index is plain SQL).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("questions", "0002_question_search_vector")]

    operations = [
        # Replaced by the same columns with the question: an index-only scan.
        migrations.RemoveIndex(
            model_name="companytag", name="questions_c_company_858ce2_idx"
        ),
        migrations.AddIndex(
            model_name="companytag",
            index=models.Index(
                fields=["company", "window", "-frequency", "question"],
                name="companytag_company_window_freq",
            ),
        ),
        migrations.AddIndex(
            model_name="question",
            index=models.Index(fields=["id", "title"], name="question_id_title"),
        ),
        # Replaced by the same columns with the id: an index-only scan.
        migrations.RemoveIndex(
            model_name="question", name="questions_q_kind_6cefbc_idx"
        ),
        migrations.AddIndex(
            model_name="question",
            index=models.Index(
                fields=["kind", "difficulty", "title", "id"],
                name="question_kind_diff_title_id",
            ),
        ),
        migrations.RunSQL(
            "CREATE INDEX questions_question_topics_topic_question"
            " ON questions_question_topics (topic_id, question_id);",
            "DROP INDEX questions_question_topics_topic_question;",
        ),
    ]
