"""Background work of monitoring. Tasks take ids (or nothing) and are safe to run twice."""

from django_tasks import task

from ttdn.monitoring import pipeline


@task()
def poll_source(source_id: int) -> int:
    """Poll one source now and read what it brought; the number of new articles."""
    polled, _ = pipeline.source_refresh(source_id)
    return polled.new if polled else 0


@task()
def read_article(article_id: int) -> bool:
    return pipeline.article_process(article_id)


@task()
def poll_due() -> int:
    """One pass over the due sources; the number of articles read."""
    return pipeline.poll_due().processed
