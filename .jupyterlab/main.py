"""Serve the course's JupyterLab build with jupyterlab_server.

Run by `lab serve` (see lab beside this file) with Debian's /usr/bin/python3,
from the cache folder that holds build/. Flags are jupyter_server's, e.g.
--ServerApp.root_dir=notebooks --ServerApp.ip=127.0.0.1.

Settings and workspaces a reader changes go to $JUPYTERLAB_SETTINGS_DIR and
$JUPYTERLAB_WORKSPACES_DIR (default: state/ beside build/).
"""

import json
import os

from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
STATE = os.path.join(HERE, "state")

# Ignore the reader's Jupyter configuration files: this app is always the same.
os.environ["JUPYTER_NO_CONFIG"] = "1"

with open(os.path.join(HERE, "package.json"), encoding="utf-8") as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": __name__, "app": CourseLab}]


class CourseLab(LabServerApp):
    name = __name__  # jupyter_server finds the extension by its module's name
    app_name = "JupyterLab"
    app_version = VERSION
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    static_dir = BUILD
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(BUILD, "application_settings")
    templates_dir = os.path.join(HERE, "templates")
    user_settings_dir = os.environ.get("JUPYTERLAB_SETTINGS_DIR", os.path.join(STATE, "settings"))
    workspaces_dir = os.environ.get("JUPYTERLAB_WORKSPACES_DIR", os.path.join(STATE, "workspaces"))


if __name__ == "__main__":
    CourseLab.launch_instance()
