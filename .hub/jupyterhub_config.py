# JupyterHub configuration for serving the course to a class on one machine
# (`make hub`; see the README's section for instructors). Debian's JupyterHub
# 3.0, local accounts through PAM, one single-user server per learner started
# by LocalProcessSpawner as that learner.
#
# Everything that differs between machines or runs comes from the
# environment, which .hub/hub sets:
#   HUB_REPO    the course to copy into each learner's home (this repository)
#   HUB_STATE   shared, read-only caches (Go module cache, build-cache seed,
#               the JupyterLab build): default /var/lib/concurrencylab-hub
#   HUB_RUN     the hub's own files (database, cookie secret, service token,
#               pid files): default $HUB_STATE/run, root only
#   HUB_IP, HUB_PORT          where learners connect (default 127.0.0.1:8000)
#   HUB_API_PORT, HUB_HUB_PORT  the proxy's API and the hub's own port
#   HUB_GROUP   the Unix group whose members may log in (default concurrencylab)
#   HUB_UI      auto (JupyterLab when built, else classic), lab or classic
#   HUB_CHP     the configurable-http-proxy command
import asyncio
import os
import pwd
import shutil

env = os.environ.get

REPO = env("HUB_REPO") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = env("HUB_STATE", "/var/lib/concurrencylab-hub")
RUN = env("HUB_RUN") or os.path.join(STATE, "run")
GROUP = env("HUB_GROUP", "concurrencylab")
COURSE = "concurrencylab"  # the learner's copy: ~/concurrencylab
SEED = os.path.join(STATE, "gocache-seed")
LAB_CACHE = os.path.join(STATE, "jupyterlab")
PATH = env("HUB_PATH", "/usr/local/bin:/usr/local/go/bin:/usr/bin:/bin")

c = get_config()  # noqa: F821 (JupyterHub provides it)

# --- Network: loopback by default; HUB_IP=0.0.0.0 serves the room's network.
c.JupyterHub.ip = env("HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("HUB_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%s" % env("HUB_API_PORT", "8001")
if env("HUB_CHP"):
    c.ConfigurableHTTPProxy.command = [env("HUB_CHP")]
c.ConfigurableHTTPProxy.pid_file = os.path.join(RUN, "proxy.pid")

# --- The hub's own files, never in the repository.
c.JupyterHub.db_url = "sqlite:///" + os.path.join(RUN, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(RUN, "cookie_secret")
c.JupyterHub.pid_file = os.path.join(RUN, "jupyterhub.pid")
# Stopping the hub stops every learner's server: `make hub-stop` leaves none.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# A service token for `.hub/hub stop` and the load test (stop servers, list
# users): a random file made by `.hub/hub start`, mode 0600.
token_file = os.path.join(RUN, "service-token")
if os.path.exists(token_file):
    with open(token_file) as f:
        c.JupyterHub.services = [{"name": "concurrencylab-admin", "api_token": f.read().strip()}]
    c.JupyterHub.load_roles = [{
        "name": "concurrencylab-admin",
        "services": ["concurrencylab-admin"],
        "scopes": ["list:users", "read:users", "admin:servers"],
    }]

# --- Who may log in: local accounts (PAM) in the group `make hub-users`
# fills from the roster. Passwords are the accounts' own (see the README).
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {GROUP}
c.Authenticator.blocked_users = {"root"}
c.PAMAuthenticator.open_sessions = False  # no systemd-logind here; PAM sessions need it
admins = {a for a in env("HUB_ADMINS", "").split(",") if a}
if admins:
    c.Authenticator.admin_users = admins

# --- One server per learner, run as the learner.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.notebook_dir = "~/" + COURSE
c.Spawner.start_timeout = int(env("HUB_START_TIMEOUT", "120"))
c.Spawner.http_timeout = int(env("HUB_START_TIMEOUT", "120"))
# Idle kernels are stopped after an hour so an abandoned tab does not keep a
# kernel and its gopls (about 190 MiB) alive all day.
c.Spawner.args = ["--MappingKernelManager.cull_idle_timeout=3600"]


def home(spawner):
    return pwd.getpwnam(spawner.user.name).pw_dir


def lab_ready():
    """The course's JupyterLab build (.jupyterlab/, `make lab`) is servable
    from the shared cache, with jupyter_server installed system-wide."""
    if env("HUB_UI", "auto") == "classic":
        return False
    app = os.path.join(LAB_CACHE, "app")
    built = os.path.exists(os.path.join(app, "build", "bundle.js")) and os.path.exists(os.path.join(app, "main.py"))
    try:
        import jupyter_server  # noqa: F401
        import jupyterlab_server  # noqa: F401
    except ImportError:
        return False
    return built


environment = {
    "PATH": PATH,
    "CONCURRENCYLAB_HUB": "1",
}
if env("HUB_QUICK"):
    environment["CONCURRENCYLAB_QUICK"] = "1"

if lab_ready():
    # JupyterLab 4 as a jupyter_server extension inside the hub-wrapped
    # ServerApp: the build is shared and read-only; settings and workspaces
    # are each learner's own.
    environment.update({
        "JUPYTERHUB_SINGLEUSER_APP": "jupyter_server.serverapp.ServerApp",
        "PYTHONPATH": os.path.join(LAB_CACHE, "app"),
        "JUPYTERLAB_SETTINGS_DIR": lambda s: os.path.join(home(s), ".jupyter", "lab", "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": lambda s: os.path.join(home(s), ".jupyter", "lab", "workspaces"),
    })
    c.Spawner.args += ['--ServerApp.jpserver_extensions={"main": true}']
    c.Spawner.default_url = "/lab/tree/notebooks/00-overview.ipynb"
else:
    # The classic Notebook 6.4 (python3-notebook). Pinned: were
    # python3-jupyter-server installed, jupyterhub-singleuser would pick its
    # ServerApp, which has no page of its own in Debian 12.
    environment["JUPYTERHUB_SINGLEUSER_APP"] = "notebook.notebookapp.NotebookApp"
    c.Spawner.default_url = "/tree/notebooks"
c.Spawner.environment = environment


async def run(*argv):
    proc = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError("%s failed: %s" % (argv[0], err.decode(errors="replace").strip()))


async def copy_course(dest, uid, gid):
    """Copies the course's tracked files into dest, owned by the learner.
    Made beside dest and renamed into place, so a half-made copy never
    counts as done; an existing dest is never touched."""
    partial = dest + ".partial"
    if os.path.exists(partial):
        shutil.rmtree(partial)
    os.makedirs(partial, mode=0o755)
    await run("sh", "-c", 'cd "$0" && git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$1"', REPO, partial)
    await run("chown", "-R", "%d:%d" % (uid, gid), partial)
    os.rename(partial, dest)


async def pre_spawn_hook(spawner):
    """First login: a private copy of the course; every login: the folders
    the kernel's environment points at. Never overwrites a learner's files."""
    pw = pwd.getpwnam(spawner.user.name)
    h, uid, gid = pw.pw_dir, pw.pw_uid, pw.pw_gid
    dest = os.path.join(h, COURSE)
    if not os.path.exists(dest):
        await copy_course(dest, uid, gid)
        spawner.log.info("concurrencylab: copied the course for %s", spawner.user.name)
    for d, mode in ((os.path.join(h, ".tmp"), 0o700), (os.path.join(h, ".cache"), 0o755)):
        if not os.path.isdir(d):
            os.makedirs(d, mode=mode)
            os.chown(d, uid, gid)
    cache = os.path.join(h, ".cache", "go-build")
    if not os.path.exists(cache) and os.path.isdir(SEED):
        # A private copy of the warmed build cache: the first cell compiles in
        # seconds instead of a minute. Never shared writable: one learner could
        # then plant build outputs in another's builds.
        await run("cp", "-a", SEED, cache + ".partial")
        await run("chown", "-R", "%d:%d" % (uid, gid), cache + ".partial")
        os.rename(cache + ".partial", cache)


c.Spawner.pre_spawn_hook = pre_spawn_hook
