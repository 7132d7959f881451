"""A PEP 517 build backend for the pre-commit hook package (standard library only).

It builds one wheel, ``gonogo_pre_commit-<version>-py3-none-any.whl``, with nothing in it but
its metadata: the name, the version and the dependencies of ``pyproject.toml``. pip installs
that wheel and, as its dependency, the prebuilt gonogo wheel.
"""

import base64
import hashlib
import os
import re
import zipfile

_HERE = os.path.dirname(os.path.abspath(__file__))


def _project():
    with open(os.path.join(_HERE, "pyproject.toml"), encoding="utf-8") as f:
        text = f.read()
    project = text.split("[project]", 1)[1]
    name = re.search(r'^name = "([^"]+)"', project, re.M).group(1)
    version = re.search(r'^version = "([^"]+)"', project, re.M).group(1)
    deps = re.search(r"^dependencies = \[(.*)\]", project, re.M).group(1)
    return name, version, re.findall(r'"([^"]+)"', deps)


def _files():
    name, version, deps = _project()
    dist_info = "%s-%s.dist-info" % (name.replace("-", "_"), version)
    metadata = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)
    metadata += "".join("Requires-Dist: %s\n" % d for d in deps)
    wheel = "Wheel-Version: 1.0\nGenerator: gonogo_pre_commit_build\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    return name, version, dist_info, {
        dist_info + "/METADATA": metadata,
        dist_info + "/WHEEL": wheel,
    }


def get_requires_for_build_wheel(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    _, _, dist_info, files = _files()
    os.makedirs(os.path.join(metadata_directory, dist_info), exist_ok=True)
    for path, text in files.items():
        with open(os.path.join(metadata_directory, path), "w", encoding="utf-8") as f:
            f.write(text)
    return dist_info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name, version, dist_info, files = _files()
    filename = "%s-%s-py3-none-any.whl" % (name.replace("-", "_"), version)
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as whl:
        for path, text in files.items():
            data = text.encode("utf-8")
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append("%s,sha256=%s,%d" % (path, digest.decode("ascii"), len(data)))
            whl.writestr(path, data)
        record.append(dist_info + "/RECORD,,")
        whl.writestr(dist_info + "/RECORD", "\n".join(record) + "\n")
    return filename
