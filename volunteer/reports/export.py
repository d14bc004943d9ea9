"""Writing a period's reports to files (`volunteer reports generate --files DIR`).

The parent reads one report at a time from the database and hands its document (plain data)
to worker processes that render the PDF and the XLSX and write them; at most two documents
per worker are in flight, so memory stays flat however many employers there are.
"""

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.reports import pdf, xlsx
from volunteer.reports.delivery import visible_rows
from volunteer.reports.document import Document, document_of
from volunteer.reports.models import Report
from volunteer.reports.periods import Period


def write_files(doc: Document, directory: str, prefix: str) -> int:
    """Render and write one report's PDF and XLSX; the bytes written."""
    stem = Path(directory) / f"{prefix}-{doc.filename_stem}"
    data = pdf.render_pdf(doc)
    sheet = xlsx.render_xlsx(doc)
    stem.with_suffix(".pdf").write_bytes(data)
    stem.with_suffix(".xlsx").write_bytes(sheet)
    return len(data) + len(sheet)


def period_report_ids(period: Period) -> list[int]:
    """The reports the job or the command drafted for the period, by employer."""
    return list(
        db.session.scalars(
            sa.select(Report.id)
            .where(
                Report.period_start == period.start,
                Report.period_end == period.end,
                Report.period_key.is_not(None),
            )
            .order_by(Report.employer_id)
        )
    )


def documents(report_ids: list[int]):
    """(prefix, document) per report, loading one report at a time and ending the
    transaction before rendering (on SQLite a command's transaction holds the write lock)."""
    for report_id in report_ids:
        report = db.session.get(Report, report_id)
        doc = document_of(report, visible_rows(report))
        prefix = f"{report.employer_id:05d}"
        db.session.expunge_all()
        db.session.rollback()
        yield prefix, doc


def write_period_files(period: Period, directory: Path, *, workers: int = 1, progress=None) -> dict:
    """Write every drafted report of the period as PDF and XLSX into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    ids = period_report_ids(period)
    db.session.rollback()
    written = 0
    if workers <= 1:
        for prefix, doc in documents(ids):
            written += write_files(doc, str(directory), prefix)
            if progress is not None:
                progress(1)
        return {"reports": len(ids), "bytes": written}
    context = multiprocessing.get_context("spawn")
    pending: set[Future] = set()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for prefix, doc in documents(ids):
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                written += collect(done, progress)
            pending.add(pool.submit(write_files, doc, str(directory), prefix))
        written += collect(wait(pending).done, progress)
    return {"reports": len(ids), "bytes": written}


def collect(futures, progress) -> int:
    total = 0
    for future in futures:
        total += future.result()
        if progress is not None:
            progress(1)
    return total
