"""The news texts the benchmark scripts run on: the BBC News Summary dev articles of ../shared
(real news), or the project's own samples when ../shared is absent; and how they time a whole
process."""
import json, os, pathlib, subprocess, time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def news_texts(skip=("gbk",), samples="data/samples (no ../shared)"):
    """The texts and what they are: the BBC dev articles, else data/samples/*.txt but those whose
    name holds a word of `skip`, named `samples`."""
    bbc = ROOT.parent / "shared" / "data" / "bbc-summary" / "dev.jsonl"
    if bbc.exists():
        return [json.loads(l)["article"] for l in bbc.open(encoding="utf-8")], "BBC News Summary dev"
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "samples").glob("*.txt"))
            if not any(w in p.name for w in skip)], samples


def once_times(args, threads="1"):
    """Milliseconds of one run of the command `args` (output discarded) on `threads` threads:
    elapsed, and CPU (user and system, of the process and its threads). On a virtual machine
    that shares its cores, CPU time moves less than elapsed time from run to run."""
    a = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                         env={**os.environ, "RAYON_NUM_THREADS": str(threads)})
    _, status, usage = os.wait4(p.pid, 0)
    wall = 1000 * (time.perf_counter() - a)
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), args)
    return wall, 1000 * (usage.ru_utime + usage.ru_stime)


def once_ms(args, threads="1"):
    """Milliseconds of one run of the command `args` (output discarded) on `threads` threads."""
    return once_times(args, threads)[0]
