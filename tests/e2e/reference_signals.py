"""Runs inside the reference flytekit 1.16.31 venv (never imported by the test process).

usage: python reference_signals.py CONFIG PROJECT DOMAIN EXECUTION SIGNAL (approve|reject|int:<n>|str:<s>)
Waits (up to a minute) until the execution lists SIGNAL with FlyteRemote.list_signals, then gives
it its value with FlyteRemote.approve / reject / set_signal, and prints the listed signal ids.
"""

import sys
import time

from flytekit.configuration import Config
from flytekit.remote import FlyteRemote


def main() -> None:
    config, project, domain, execution, signal, value = sys.argv[1:7]
    remote = FlyteRemote(Config.auto(config_file=config), default_project=project, default_domain=domain)
    deadline = time.monotonic() + 60
    while True:
        listed = [s.id.signal_id for s in remote.list_signals(execution, project, domain)]
        if signal in listed:
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"signal {signal} of {execution} never showed up (listed: {listed})")
        time.sleep(0.2)
    if value == "approve":
        remote.approve(signal, execution, project, domain)
    elif value == "reject":
        remote.reject(signal, execution, project, domain)
    elif value.startswith("int:"):
        remote.set_signal(signal, execution, int(value[4:]), project, domain)
    else:
        remote.set_signal(signal, execution, value.removeprefix("str:"), project, domain)
    print(" ".join(listed))


if __name__ == "__main__":
    main()
