"""`reader sync init [REMOTE]` and `reader sync`: the library folder as a git repository.

Only the library's two files are tracked (a `.gitignore` keeps caches, backups,
locks and conflict copies out), and a merge driver registered in the
repository's config (`reader merge-driver %O %A %B`, named in `.gitattributes`)
merges them field by field, so a pull never leaves conflict markers in them.
`reader sync` commits, fetches, merges and pushes, holding the library's lock
while git rewrites the files (git does not write them atomically).

git is a tool found on PATH at run time; no git library is imported.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.store.files import LibraryFiles, locked
from reader.store.stamps import device_id
from reader.sync.copies import BACKUP_FOLDER
from reader.sync.diff import LibrarySnapshot

BRANCH = "main"
REMOTE = "origin"
NETWORK_TIMEOUT_S = 300.0
LOCAL_TIMEOUT_S = 120.0


class SyncError(ReaderError):
    """git is missing, the folder is not set up, or a git step failed (one line)."""


def git_executable() -> str:
    found = shutil.which("git")
    if not found:
        raise SyncError("git is not installed (not found on PATH); `reader sync` uses git "
                        "to carry the library between machines")
    return found


@dataclass(slots=True)
class Repo:
    files: LibraryFiles
    git: str

    @property
    def folder(self) -> Path:
        return self.files.folder

    def run(self, *args: str, check: bool = True,
            timeout: float = LOCAL_TIMEOUT_S) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C", GIT_MERGE_AUTOEDIT="no")
        try:
            done = subprocess.run([self.git, "-C", str(self.folder), *args], env=env,
                                  capture_output=True, text=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise SyncError(f"git {args[0]} took longer than {timeout:.0f} s and was "
                            "stopped") from None
        except OSError as exc:
            raise SyncError(f"cannot run git: {exc.strerror}") from None
        if check and done.returncode != 0:
            lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
            why = lines[-1].strip() if lines else f"exit status {done.returncode}"
            raise SyncError(f"git {args[0]} failed: {why}")
        return done

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def identity(self) -> list[str]:
        """`-c user.name=… -c user.email=…` when git has no identity configured."""
        if self.run("config", "user.email", check=False).stdout.strip():
            return []
        device = device_id()
        return ["-c", f"user.name=Reader on {device}", "-c", f"user.email=reader@{device}.invalid"]

    def lock(self) -> AbstractContextManager[None]:
        return locked(self.files.make_lock(), self.files)  # type: ignore[no-any-return,unused-ignore]

    @property
    def tracked(self) -> list[str]:
        return [self.files.catalogue.name, self.files.state.name]


def repo_for(catalogue: Path) -> Repo:
    return Repo(LibraryFiles(Path(catalogue)), git_executable())


# --- setting a folder up ----------------------------------------------------------------

def _write_if_changed(path: Path, text: str) -> bool:
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    path.write_text(text, encoding="utf-8")
    return True


def configure(repo: Repo) -> None:
    """The .gitignore, .gitattributes and merge driver (idempotent, run by every sync)."""
    names = repo.tracked
    ignore = ("# Reader: only the library files are synced; backups, locks, caches and\n"
              f"# merged conflict copies ({BACKUP_FOLDER}/) stay on this machine\n/*\n"
              "!/.gitignore\n!/.gitattributes\n" + "".join(f"!/{n}\n" for n in names))
    attributes = "".join(f"{n} merge=reader -text\n" for n in names)
    gitignore = repo.folder / ".gitignore"
    try:
        theirs = not gitignore.read_text(encoding="utf-8").startswith("# Reader:")
    except (OSError, UnicodeDecodeError):
        theirs = False
    if not theirs:  # a .gitignore the user wrote in their own repository is left alone
        _write_if_changed(gitignore, ignore)
    _write_if_changed(repo.folder / ".gitattributes", attributes)
    info = repo.folder / ".git" / "info"
    info.mkdir(parents=True, exist_ok=True)
    _write_if_changed(info / "attributes", attributes)
    command = f"{shlex.quote(sys.executable)} -m reader merge-driver %O %A %B"
    repo.run("config", "merge.reader.name", "Reader library (field-by-field merge)")
    repo.run("config", "merge.reader.driver", command)


def _private(repo: Repo) -> None:
    """git writes files with the umask's mode; the library's files are 0600."""
    for name in repo.tracked:
        try:
            os.chmod(repo.folder / name, 0o600)
        except OSError:
            continue


def _commit(repo: Repo, message: str) -> bool:
    """Stage the library files and commit them when they changed; True if committed."""
    present = [n for n in [*repo.tracked, ".gitignore", ".gitattributes"]
               if (repo.folder / n).exists()]
    repo.run("add", "--", *present)
    if repo.ok("diff", "--cached", "--quiet"):
        return False
    repo.run(*repo.identity(), "commit", "-q", "-m", message)
    return True


def _has_remote(repo: Repo) -> bool:
    return REMOTE in repo.run("remote").stdout.split()


def _remote_branch(repo: Repo) -> str | None:
    ref = f"refs/remotes/{REMOTE}/{BRANCH}"
    return ref if repo.ok("rev-parse", "--verify", "-q", ref) else None


def init(catalogue: Path, remote: str | None) -> list[str]:
    """Make the library folder a git repository for `reader sync` (see the module)."""
    files = LibraryFiles(Path(catalogue))
    files.ensure_folder()
    repo = Repo(files, git_executable())
    out: list[str] = []
    fresh = not (repo.folder / ".git").exists()
    if fresh:
        repo.run("init", "-q")
        repo.run("symbolic-ref", "HEAD", f"refs/heads/{BRANCH}")
        out.append(f"made {repo.folder} a git repository (only the library files are tracked)")
    else:
        out.append(f"{repo.folder} is already a git repository; its settings were checked")
    if remote:
        if _has_remote(repo):
            repo.run("remote", "set-url", REMOTE, remote)
        else:
            repo.run("remote", "add", REMOTE, remote)
        out.append(f"remote: {remote}")
    has_library = any((repo.folder / n).exists() for n in repo.tracked)
    if remote and fresh and not has_library:
        repo.run("fetch", "-q", REMOTE, timeout=NETWORK_TIMEOUT_S)
        if _remote_branch(repo):
            with repo.lock():
                repo.run("checkout", "-q", "-f", "-B", BRANCH, f"{REMOTE}/{BRANCH}")
                _private(repo)
            out.append(f"took the library from {remote}: {LibrarySnapshot.read(files).summary()}")
    configure(repo)
    with repo.lock():
        committed = _commit(repo, f"Reader library on {device_id()}")
    if not any((repo.folder / n).exists() for n in repo.tracked):
        out.append("there is no library here yet: import papers, then run `reader sync`")
    elif committed:
        out.append("committed the library files")
    if remote:
        out.append("run `reader sync` to exchange changes with the remote")
    return out


# --- a sync ------------------------------------------------------------------------------

def sync(catalogue: Path) -> list[str]:
    """Commit local changes, merge the remote's, push; the lines saying what happened."""
    repo = repo_for(catalogue)
    if not (repo.folder / ".git").exists():
        raise SyncError(f"{repo.folder} is not set up for sync; run `reader sync init "
                        "[REMOTE]` first")
    configure(repo)
    out: list[str] = []
    with repo.lock():
        if _commit(repo, f"Reader: changes on {device_id()}"):
            out.append("committed your changes")
    if not _has_remote(repo):
        out.append("no remote is set (reader sync init REMOTE); nothing to exchange")
        return out
    try:
        exchanged = _exchange(repo, out)
    except SyncError as exc:
        done = "; your changes are committed locally" if out else ""
        raise SyncError(f"{exc}{done}") from None
    if not exchanged:
        out.append(f"already up to date with {REMOTE}")
    return out


def _exchange(repo: Repo, out: list[str]) -> bool:
    """Fetch, merge, push (retried when the remote moved meanwhile); True if anything
    came in or went out."""
    exchanged = False
    for _ in range(3):
        repo.run("fetch", "-q", REMOTE, timeout=NETWORK_TIMEOUT_S)
        theirs = _remote_branch(repo)
        if theirs and not repo.ok("merge-base", "--is-ancestor", theirs, "HEAD"):
            out.append(_merge(repo, theirs))
            exchanged = True
        if theirs and repo.ok("merge-base", "--is-ancestor", "HEAD", theirs):
            return exchanged  # the remote has everything we have
        pushed = repo.run("push", "-q", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False,
                          timeout=NETWORK_TIMEOUT_S)
        if pushed.returncode == 0:
            repo.run("fetch", "-q", REMOTE, check=False, timeout=NETWORK_TIMEOUT_S)
            repo.run("branch", "-q", f"--set-upstream-to={REMOTE}/{BRANCH}", check=False)
            out.append(f"pushed to {REMOTE}")
            return True
        why = [ln.strip() for ln in pushed.stderr.splitlines() if ln.strip()]
        if not any(w in pushed.stderr for w in ("rejected", "fetch first", "non-fast-forward")):
            raise SyncError("git push failed: " + (why[-1] if why else "no reason given"))
    raise SyncError("the remote kept changing while pushing; run `reader sync` again")


def _merge(repo: Repo, theirs: str) -> str:
    with repo.lock():
        # a change made while fetching (the app, another command) is committed first
        _commit(repo, f"Reader: changes on {device_id()}")
        before = LibrarySnapshot.read(repo.files)
        unborn = not repo.ok("rev-parse", "--verify", "-q", "HEAD")
        if unborn:
            done = repo.run("checkout", "-q", "-f", "-B", BRANCH, theirs, check=False)
        else:
            done = repo.run(*repo.identity(), "merge", "-q", "--no-edit",
                            "--allow-unrelated-histories", theirs, check=False)
        if done.returncode != 0:
            repo.run("merge", "--abort", check=False)
            _private(repo)
            why = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
            raise SyncError("git could not merge the remote's changes; your library was "
                            "left as it was" + (f" ({why[-1].strip()})" if why else ""))
        _private(repo)
        after = LibrarySnapshot.read(repo.files)
    return f"merged the remote's changes: {after.compared_to(before)}"
