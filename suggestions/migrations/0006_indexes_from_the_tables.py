# The sweep indexes' conditions derived from the workflow tables (issue 12): the clocks run
# in the states the tables name, for the roles they apply to (a co unit's opinion clock runs
# while it objects, as the reply clock does, S§20).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('suggestions', '0005_merge_0004_public_reply_search_0004_sweep_indexes'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='assignment',
            name='asg_objection_open',
        ),
        migrations.RemoveIndex(
            model_name='assignment',
            name='asg_reassign_open',
        ),
        migrations.RemoveIndex(
            model_name='assignment',
            name='asg_rehandling_open',
        ),
        migrations.RemoveIndex(
            model_name='assignment',
            name='asg_reply_due_open',
        ),
        migrations.RemoveIndex(
            model_name='assignment',
            name='asg_co_opinion_open',
        ),
        migrations.RemoveIndex(
            model_name='suggestion',
            name='sugg_evaluation_open',
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(condition=models.Q(('status__in', ['pending'])), fields=['objection_due'], name='asg_objection_open'),
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(condition=models.Q(('status__in', ['objected'])), fields=['reassignment_due'], name='asg_reassign_open'),
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(condition=models.Q(('status__in', ['handling', 'objected', 'pending']), ('role__in', ['lead', 'sole', 'split'])), fields=['reply_due'], name='asg_reply_due_open'),
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(condition=models.Q(('status__in', ['handling', 'objected', 'pending']), ('role__in', ['co'])), fields=['co_opinion_due'], name='asg_co_opinion_open'),
        ),
        migrations.AddIndex(
            model_name='assignment',
            index=models.Index(condition=models.Q(('status__in', ['rehandling'])), fields=['rehandling_due'], name='asg_rehandling_open'),
        ),
        migrations.AddIndex(
            model_name='suggestion',
            index=models.Index(condition=models.Q(('status__in', ['replied'])), fields=['evaluation_due'], name='sugg_evaluation_open'),
        ),
    ]
