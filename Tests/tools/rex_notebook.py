"""Runs rex notebooks headless for the CLI tests (Tests/CLITests/JupyterKernelTests.swift).

Run with Debian's /usr/bin/python3 (python3-nbclient, python3-jupyter-client) and
JUPYTER_PATH pointing at a kernel spec installed by `rex --install-kernel --prefix P`.

  rex_notebook.py run CELLS.json OUT.ipynb
      executes the cells (a JSON list of sources) with nbclient on the kernel `rex`,
      errors allowed, and writes the executed notebook.
  rex_notebook.py interrupt SETUP_CELL SLOW_CELL NEXT_CELL
      on one kernel (jupyter_client): runs SETUP_CELL, starts SLOW_CELL, interrupts the
      kernel after 2 s, then runs NEXT_CELL; prints one JSON object with the seconds the
      interrupt took, the slow cell's reply status and the next cell's outputs.
  rex_notebook.py prompt interrupt|answer PROMPT_CELL NEXT_CELL
      on one kernel: runs PROMPT_CELL with stdin allowed, waits for its input_request (a
      password prompt), then interrupts the kernel there or answers with the value of the
      environment variable REX_NOTEBOOK_ANSWER, then runs NEXT_CELL; prints the same JSON
      object (slow_* for the prompting cell, prompt_password for the request's flag,
      prompt_outputs for its outputs).
"""

import json
import os
import sys
import time

import nbformat
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient


def run(cells_path, out_path):
    with open(cells_path, encoding="utf-8") as f:
        sources = json.load(f)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "rex", "display_name": "rex", "language": "rex"}
    client = NotebookClient(notebook, kernel_name="rex", timeout=120, allow_errors=True)
    client.execute()
    nbformat.write(notebook, out_path)


def outputs_of(client, msg_id, timeout=60):
    """The iopub outputs of request `msg_id`, up to the kernel's idle status."""
    outputs = []
    while True:
        message = client.get_iopub_msg(timeout=timeout)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        kind = message["msg_type"]
        if kind == "status" and message["content"]["execution_state"] == "idle":
            return outputs
        if kind in ("stream", "display_data", "execute_result", "error"):
            outputs.append({"type": kind, **message["content"]})


def reply_to(client, msg_id, timeout=30):
    """The shell reply to request `msg_id`."""
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def execute(client, code, timeout=60):
    """Runs `code`; returns (reply content, iopub outputs)."""
    msg_id = client.execute(code)
    outputs = outputs_of(client, msg_id, timeout)
    return reply_to(client, msg_id, timeout)["content"], outputs


def interrupt(setup, slow, after):
    manager, client = start_new_kernel(kernel_name="rex", startup_timeout=60)
    try:
        setup_reply, setup_outputs = execute(client, setup)
        # stop_on_error=False: an error reply would make ipykernel abort requests that arrive
        # before its abort window closes (a race under load: the next cell came back "aborted").
        msg_id = client.execute(slow, stop_on_error=False)
        time.sleep(2)
        started = time.monotonic()
        manager.interrupt_kernel()
        reply = reply_to(client, msg_id)
        seconds = time.monotonic() - started
        next_reply, next_outputs = execute(client, after)
        print(json.dumps({
            "setup_status": setup_reply["status"], "setup_outputs": setup_outputs,
            "seconds": seconds, "slow_status": reply["content"]["status"],
            "slow_ename": reply["content"].get("ename"),
            "next_status": next_reply["status"], "next_outputs": next_outputs,
        }))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def prompt(action, prompting, after):
    manager, client = start_new_kernel(kernel_name="rex", startup_timeout=60)
    try:
        msg_id = client.execute(prompting, allow_stdin=True, stop_on_error=False)
        request = client.get_stdin_msg(timeout=60)
        started = time.monotonic()
        if action == "interrupt":
            manager.interrupt_kernel()
        else:
            client.input(os.environ["REX_NOTEBOOK_ANSWER"])
        outputs = outputs_of(client, msg_id, 30)
        reply = reply_to(client, msg_id)
        seconds = time.monotonic() - started
        next_reply, next_outputs = execute(client, after)
        print(json.dumps({
            "prompt_password": request["content"].get("password"), "prompt_outputs": outputs, "seconds": seconds,
            "slow_status": reply["content"]["status"], "slow_ename": reply["content"].get("ename"),
            "next_status": next_reply["status"], "next_outputs": next_outputs,
        }))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "interrupt":
        interrupt(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "prompt":
        prompt(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: rex_notebook.py run CELLS.json OUT.ipynb | interrupt SETUP SLOW NEXT | prompt interrupt|answer PROMPT NEXT")
