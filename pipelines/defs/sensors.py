"""The seeds-folder sensor: new and changed files become partitions and runs, deleted ones are pruned.

Run keys are file name + content hash, so a file is processed once per content; new
files arriving together form one run over their partition range (a bulk drop is one
run loading spaCy once, not thousands); more than MAX_RUNS_PER_TICK changed files
become one run over every partition (unchanged files cost a stat each).
"""

import json

import dagster as dg

from pipelines.defs.documents import seed_files
from pipelines.defs.runs import PARTITIONS, RANGE_END, RANGE_START, ensure_writer_pool
from pipelines.ingestion.folder_watch import FolderPlan, plan_folder_changes
from pipelines.settings import load_settings

MAX_RUNS_PER_TICK = 10


def range_request(run_key: str, first: str, last: str) -> dg.RunRequest:
    if first == last:
        return dg.RunRequest(run_key=run_key, partition_key=first)
    return dg.RunRequest(run_key=run_key, tags={RANGE_START: first, RANGE_END: last})


def plan_run_requests(plan: FolderPlan, registered: list[str]) -> list[dg.RunRequest]:
    """Run requests for a plan; `registered` is the partition list before this tick (in order)."""
    removed = set(plan.removed)
    remaining = [key for key in registered if key not in removed] + plan.new
    requests = []
    if plan.new:
        key = plan.content_key(plan.new[0]) if len(plan.new) == 1 else plan.batch_key(plan.new)
        requests.append(range_request(key, plan.new[0], plan.new[-1]))
    if len(plan.changed) > MAX_RUNS_PER_TICK:
        requests.append(range_request(plan.batch_key(plan.changed), remaining[0], remaining[-1]))
    else:
        requests += [range_request(plan.content_key(path), path, path) for path in plan.changed]
    if plan.removed and not requests and remaining:
        key = "prune:" + plan.batch_key(remaining).split(":", 1)[1] + ":" + str(len(plan.removed))
        requests.append(range_request(key, remaining[0], remaining[-1]))
    return requests


@dg.sensor(
    job_name="build_warehouse",
    minimum_interval_seconds=15,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches TRIANGULATE_SEEDS_DIR: registers new files as partitions and runs only what changed.",
)
def seed_folder_sensor(context: dg.SensorEvaluationContext):
    settings = load_settings()
    registered = list(context.instance.get_dynamic_partitions(PARTITIONS))
    previous = json.loads(context.cursor) if context.cursor else {}
    plan = plan_folder_changes(settings.seeds_dir, settings.max_file_bytes, registered, previous)
    if plan.is_idle:
        return dg.SensorResult(
            skip_reason=dg.SkipReason(
                f"No new, changed or deleted files among {len(plan.state)} in {settings.seeds_dir}."
            ),
            cursor=json.dumps(plan.state),
        )
    partition_requests = []
    if plan.new:
        partition_requests.append(seed_files.build_add_request(plan.new))
    if plan.removed:
        partition_requests.append(seed_files.build_delete_request(plan.removed))
    context.log.info(f"{len(plan.new)} new, {len(plan.changed)} changed, {len(plan.removed)} deleted files")
    ensure_writer_pool(context.instance)  # the runs of one tick start together: see ensure_writer_pool
    return dg.SensorResult(
        run_requests=plan_run_requests(plan, registered),
        dynamic_partitions_requests=partition_requests,
        cursor=json.dumps(plan.state),
    )
