"""compose.yaml's services as `podman run` arguments, for scripts/test-image on a machine where containers
use the host's network only. Reads the output of `docker-compose config` (every variable resolved as
compose resolves it) and prints one argument per line-separated NUL, so the shell runs what compose.yaml
says, with these changes and no others:

- host networking: `ports`, `networks` and `network_mode` are dropped; addresses and ports named in
  commands, environment values and bind-mounted files are rewritten by the caller's `--replace FROM=TO`
  pairs (the bind-mounted files are copied with the same replacements);
- names: a container is `<prefix><service><suffix>`; `pid: service:X` joins that container; named volumes
  are `<prefix><volume>`, or `<prefix><volume><suffix>` for those listed with `--per-instance`.

A key this translation does not know fails, so that a new setting in compose.yaml gets a decision here.

    compose-to-podman.py run CONFIG SERVICE --prefix P [--suffix S] [--per-instance VOLUME]... [--replace A=B]...
        [--files-dir DIR] [--label LABEL] [--add-host NAME:IP]... [--image-for-build IMAGE] [-- EXTRA-ARGUMENT...]
    compose-to-podman.py volume CONFIG VOLUME --prefix P [--suffix S] [--label LABEL]
"""

import argparse
import json
import os
import sys

import yaml

IGNORED = {"build", "depends_on", "ports", "networks", "network_mode"}


def replaced(text, replacements):
    for old, new in replacements:
        text = text.replace(old, new)
    return text


def volume_name(name, args):
    suffix = args.suffix if name in args.per_instance else ""
    return f"{args.prefix}{name}{suffix}"


def run_arguments(config, args):
    service = config["services"][args.service]
    unknown = set(service) - IGNORED - {
        "image", "command", "entrypoint", "environment", "user", "read_only", "tmpfs", "volumes", "pid", "init",
        "restart", "scale",
    }
    if unknown:
        sys.exit(f"compose-to-podman: service {args.service} uses {sorted(unknown)}: decide how to run it here")
    if service.get("scale", 1) != 1:
        sys.exit(f"compose-to-podman: service {args.service} has scale {service['scale']}; run it once per instance")
    replacements = [tuple(pair.split("=", 1)) for pair in args.replace]
    out = ["--name", f"{args.prefix}{args.service}{args.suffix}"]
    if args.label:
        out += ["--label", args.label]
    for host in args.add_host:
        out += ["--add-host", host]
    for key, value in sorted((service.get("environment") or {}).items()):
        out += ["-e", f"{key}={replaced('' if value is None else str(value), replacements)}"]
    if "user" in service:
        out += ["--user", str(service["user"])]
    if service.get("read_only"):
        out += ["--read-only"]
    for path in service.get("tmpfs") or []:
        out += ["--tmpfs", path]
    for spec in service.get("volumes") or []:
        parts = spec.split(":")
        source, rest = parts[0], parts[1:]
        if source.startswith("/"):
            # A bind-mounted file of the repository: a copy with the addresses and ports rewritten.
            with open(source, encoding="utf-8") as f:
                text = replaced(f.read(), replacements)
            copy = os.path.join(args.files_dir, f"{args.service}{args.suffix}-{os.path.basename(source)}")
            with open(copy, "w", encoding="utf-8") as f:
                f.write(text)
            source = copy
        else:
            source = volume_name(source, args)
        out += ["-v", ":".join([source] + rest)]
    if "pid" in service:
        kind, _, other = service["pid"].partition(":")
        if kind != "service":
            sys.exit(f"compose-to-podman: pid {service['pid']} is not `service:NAME`")
        out += ["--pid", f"container:{args.prefix}{other}{args.suffix}"]
    if service.get("init"):
        out += ["--init"]
    if "restart" in service:
        out += ["--restart", service["restart"]]
    if "entrypoint" in service:
        entrypoint = service["entrypoint"]
        out += ["--entrypoint", json.dumps(entrypoint if isinstance(entrypoint, list) else entrypoint.split())]
    out += [args.image_for_build if "build" in service and args.image_for_build else service["image"]]
    command = service.get("command") or []
    out += [replaced(word, replacements) for word in (command if isinstance(command, list) else command.split())]
    out += args.extra
    return out


def volume_arguments(config, args):
    volume = (config.get("volumes") or {}).get(args.volume) or {}
    unknown = set(volume) - {"driver_opts"}
    if unknown:
        sys.exit(f"compose-to-podman: volume {args.volume} uses {sorted(unknown)}: decide how to create it here")
    out = []
    if args.label:
        out += ["--label", args.label]
    for key, value in sorted((volume.get("driver_opts") or {}).items()):
        out += ["--opt", f"{key}={value}"]
    return out + [f"{args.prefix}{args.volume}{args.suffix}"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["run", "volume"])
    parser.add_argument("config")
    parser.add_argument("name")
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--suffix", default="")
    parser.add_argument("--per-instance", action="append", default=[])
    parser.add_argument("--replace", action="append", default=[])
    parser.add_argument("--files-dir", default=".")
    parser.add_argument("--label")
    parser.add_argument("--add-host", action="append", default=[])
    parser.add_argument("--image-for-build", help="the image to run for a service that compose builds (the one just built)")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    args = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    args.extra = extra
    with open(args.config, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    if args.what == "run":
        args.service = args.name
        out = run_arguments(config, args)
    else:
        args.volume = args.name
        out = volume_arguments(config, args)
    sys.stdout.write("".join(word + "\0" for word in out))


if __name__ == "__main__":
    main()
