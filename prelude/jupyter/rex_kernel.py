"""The rex Jupyter kernel (SPEC §5, docs/SERVE.md).

Installed by `rex --install-kernel` next to its kernel.json and run by Debian's
/usr/bin/python3 (python3-ipykernel). Every cell goes through ONE long-lived
`rex --serve` process, so `let`, `:connect` and `:context` persist across cells.
Tables become HTML (types under the names, NULL shown, the maxrows head/tail cut)
and text/plain; images image/png; errors Jupyter errors carrying rex's rendered
diagnostic. Tab completion and is_complete ask rex. An interrupt (SIGINT to this
kernel) is forwarded to the rex process, which cancels the running statement.
A `Pwd=?` password comes from REX_PASSWORD (rex reads it) or from Jupyter's
input_request with password=True; it is passed to rex and never kept.
"""

import base64
import html
import json
import os
import queue
import shutil
import signal
import subprocess
import threading

from ipykernel.kernelbase import Kernel

__version__ = "0.1.0"


class RexProcess:
    """One `rex --serve` process: requests in, messages out through a reader thread."""

    def __init__(self, binary):
        # Its own session: only this kernel sends it SIGINT (Jupyter signals our group).
        self.process = subprocess.Popen(
            [binary, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,
        )
        self.messages = queue.Queue()
        self.next_id = 0
        reader = threading.Thread(target=self._read, name="rex-serve-reader", daemon=True)
        reader.start()

    def _read(self):
        for line in self.process.stdout:
            try:
                self.messages.put(json.loads(line))
            except ValueError:
                continue
        self.messages.put(None)  # the process ended

    @property
    def alive(self):
        return self.process.poll() is None

    def send(self, request):
        """Sends a request line; returns its id."""
        self.next_id += 1
        request = dict(request, id=self.next_id)
        self.write(request)
        return self.next_id

    def write(self, obj):
        self.process.stdin.write((json.dumps(obj) + "\n").encode("utf-8"))
        self.process.stdin.flush()

    def interrupt(self):
        if self.alive:
            self.process.send_signal(signal.SIGINT)

    def messages_of(self, request_id):
        """The messages answering `request_id`, up to and including its `done`.
        Messages without an id (the start-up file's) are passed on as well.
        A KeyboardInterrupt while waiting forwards SIGINT to rex and keeps waiting."""
        while True:
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                continue
            except KeyboardInterrupt:
                self.interrupt()
                continue
            if message is None:
                yield {"id": request_id, "type": "done", "status": "error", "exited": True}
                return
            if message.get("id") not in (request_id, None):
                continue
            yield message
            if message.get("type") == "done" and message.get("id") == request_id:
                return

    def close(self):
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except Exception:
            self.process.kill()


def cell_texts(column_type, values, display=None):
    """The texts of one column's cells. Floats come as rex's terminal shows them (the
    `display` texts of the table message: at most `:set digits` significant digits), their
    decimal points aligned with figure spaces."""
    if column_type != "float":
        return [None if v is None else ("true" if v is True else "false" if v is False else str(v)) for v in values]
    texts = list(display) if display is not None else [None if v is None else repr(v) for v in values]
    decimals = [len(t) - t.index(".") - 1 if t and "." in t and "e" not in t else 0 for t in texts]
    widest = max(decimals, default=0)
    return [None if t is None else t + "\u2007" * (widest - d) for t, d in zip(texts, decimals)]


def table_parts(message):
    """Columns, the kept rows as texts (None for NULL) and the omitted count."""
    columns = message["columns"]
    head, tail = message["rows"], message["tail"]
    omitted = message["row_count"] - len(head) - len(tail)
    rows = head + tail
    display = message.get("display")
    shown_display = display["rows"] + display["tail"] if display else None
    texts = [cell_texts(c["type"], [row[i] for row in rows],
                        [row[i] for row in shown_display] if shown_display else None)
             for i, c in enumerate(columns)]
    shown = [[texts[i][r] for i in range(len(columns))] for r in range(len(rows))]
    return columns, shown[: len(head)], shown[len(head):], omitted


def footer(message):
    rows, columns = message["row_count"], len(message["columns"])
    return "%d row%s \u00d7 %d column%s" % (rows, "" if rows == 1 else "s", columns, "" if columns == 1 else "s")


def table_html(message):
    columns, head, tail, omitted = table_parts(message)
    numeric = [c["type"] in ("int", "float") for c in columns]
    out = ['<table class="rex-table">', "<thead><tr>"]
    out += ["<th>%s</th>" % html.escape(c["name"]) for c in columns]
    out.append("</tr><tr>")
    out += ['<th style="font-weight:normal;font-style:italic">%s</th>' % html.escape(c["type"]) for c in columns]
    out.append("</tr></thead><tbody>")

    def row_html(row):
        cells = []
        for text, is_number in zip(row, numeric):
            align = ' style="text-align:right;font-variant-numeric:tabular-nums"' if is_number else ' style="text-align:left"'
            shown = '<span style="color:#888">NULL</span>' if text is None else html.escape(text)
            cells.append("<td%s>%s</td>" % (align, shown))
        return "<tr>" + "".join(cells) + "</tr>"

    out += [row_html(r) for r in head]
    if omitted > 0:
        out.append('<tr><td colspan="%d" style="text-align:center">\u2026 %d more rows \u2026</td></tr>' % (len(columns), omitted))
    out += [row_html(r) for r in tail]
    out.append("</tbody></table>")
    out.append("<p>%s</p>" % footer(message))
    return "".join(out)


def table_text(message):
    columns, head, tail, omitted = table_parts(message)
    numeric = [c["type"] in ("int", "float") for c in columns]
    show = lambda t: "NULL" if t is None else t.replace("\u2007", " ")
    lines = [[c["name"] for c in columns], [c["type"] for c in columns]]
    body = [[show(t) for t in r] for r in head]
    cut = [[show(t) for t in r] for r in tail]
    widths = [max(len(row[i]) for row in lines + body + cut) for i in range(len(columns))]

    def line(row, header=False):
        return "  ".join(t.rjust(w) if n and not header else t.ljust(w) for t, w, n in zip(row, widths, numeric)).rstrip()

    text = [line(lines[0], True), line(lines[1], True)] + [line(r) for r in body]
    if omitted > 0:
        text.append("\u2026 %d more rows \u2026" % omitted)
    text += [line(r) for r in cut]
    text.append(footer(message))
    return "\n".join(text)


def linmod_html(message):
    """The model report as rex prints it (coefficients, then the fit rounded as R's
    summary.lm), preformatted."""
    text = message.get("text") or json.dumps(message["fit"])
    return '<pre class="rex-linmod">%s</pre>' % html.escape(text)


# What _ask returns when the user interrupted the prompt.
INTERRUPTED = object()


class RexKernel(Kernel):
    implementation = "rex"
    implementation_version = __version__
    language = "rex"
    language_version = __version__
    language_info = {
        "name": "rex",
        "mimetype": "text/x-rex",
        "file_extension": ".rex",
        "pygments_lexer": "text",
    }
    banner = "rex: a dataframe language compiled to SQL and pandas"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rex = None

    def _server(self):
        if self.rex is None or not self.rex.alive:
            binary = os.environ.get("REX_KERNEL_BINARY") or shutil.which("rex") or "rex"
            self.rex = RexProcess(binary)
        return self.rex

    # MARK: execution

    def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False):
        if not code.strip():
            return self._ok()
        rex = self._server()
        # ipykernel's getpass/raw_input ask the frontend only when this flag is set; its
        # base Kernel (unlike IPython's) leaves setting it to the wrapper.
        self._allow_stdin = allow_stdin
        # An interrupt (SIGINT to this kernel) cancels rex's statement; this cell then ends
        # with the `done` rex sends, as at rex's own prompt.
        previous = signal.signal(signal.SIGINT, lambda signum, frame: rex.interrupt())
        try:
            return self._execute(rex, code, silent, allow_stdin)
        finally:
            signal.signal(signal.SIGINT, previous)

    def _execute(self, rex, code, silent, allow_stdin):
        request_id = rex.send({"code": code})
        errors = []
        status = "error"
        for message in rex.messages_of(request_id):
            kind = message.get("type")
            if kind == "done":
                status = message.get("status", "error")
                if message.get("exited"):
                    errors.append(("RexExited", "the rex process ended", ["the rex process ended; the next cell starts a new one"]))
                    self.rex = None
            elif kind == "input_request":
                answer = self._ask(rex, message, allow_stdin)
                if answer is not INTERRUPTED:
                    rex.write({"id": request_id, "input": answer})
            elif kind == "error":
                error = (message.get("kind", "error"), message.get("message", ""), message.get("rendered", "").split("\n"))
                errors.append(error)
                if not silent:
                    self.send_response(self.iopub_socket, "error", {"ename": error[0], "evalue": error[1], "traceback": error[2]})
            elif not silent:
                self._display(message)
        if status == "ok":
            return self._ok()
        if status == "cancelled":
            ename, evalue, traceback = "KeyboardInterrupt", "interrupted", ["interrupted: the statement was cancelled"]
            if not silent:
                self.send_response(self.iopub_socket, "error", {"ename": ename, "evalue": evalue, "traceback": traceback})
        else:
            ename, evalue, traceback = errors[-1] if errors else ("error", "", [])
        return {"status": "error", "execution_count": self.execution_count, "ename": ename, "evalue": evalue, "traceback": traceback}

    def _ok(self):
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}

    def _ask(self, rex, message, allow_stdin):
        """A line for rex from the notebook user (a password: never echoed, never kept).
        An interrupt while the prompt waits cancels rex's statement (INTERRUPTED: rex
        answers with `done` "cancelled", and the frontend drops the prompt)."""
        if not allow_stdin:
            return None
        # ipykernel's prompt loop ends on KeyboardInterrupt; the cell's own handler would
        # only forward the signal and leave the prompt waiting.
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            if message.get("password"):
                return self.getpass(message.get("prompt", "password: "))
            return self.raw_input(message.get("prompt", ""))
        except KeyboardInterrupt:
            rex.interrupt()
            return INTERRUPTED
        except Exception:
            return None
        finally:
            signal.signal(signal.SIGINT, previous)

    def _display(self, message):
        kind = message.get("type")
        if kind == "text":
            self.send_response(self.iopub_socket, "stream", {"name": message.get("stream", "stdout"), "text": message["text"]})
        elif kind == "table":
            plain = message.get("text") or table_text(message)
            data = {"text/html": table_html(message), "text/plain": plain}
            self.send_response(self.iopub_socket, "display_data", {"data": data, "metadata": {}})
        elif kind == "image":
            metadata = {"image/png": {"width": message["width"], "height": message["height"]}}
            data = {
                "image/png": message["data"],
                "text/plain": "image %d \u00b7 %d\u00d7%d PNG \u00b7 %s" % (message["number"], message["width"], message["height"], message["pipeline"]),
            }
            self.send_response(self.iopub_socket, "display_data", {"data": data, "metadata": metadata})
        elif kind == "linmod":
            data = {"text/html": linmod_html(message), "text/plain": message.get("text") or json.dumps(message["fit"])}
            self.send_response(self.iopub_socket, "display_data", {"data": data, "metadata": {}})

    # MARK: completion

    def do_complete(self, code, cursor_pos):
        rex = self._server()
        request_id = rex.send({"complete": code, "cursor": cursor_pos})
        reply = {"matches": [], "cursor_start": cursor_pos, "cursor_end": cursor_pos, "metadata": {}, "status": "ok"}
        for message in rex.messages_of(request_id):
            if message.get("type") == "completion":
                reply.update(matches=message["matches"], cursor_start=message["cursor_start"], cursor_end=message["cursor_end"])
        return reply

    def do_is_complete(self, code):
        rex = self._server()
        request_id = rex.send({"is_complete": code})
        reply = {"status": "unknown"}
        for message in rex.messages_of(request_id):
            if message.get("type") == "is_complete":
                reply = {"status": message["status"]}
                if message["status"] == "incomplete":
                    reply["indent"] = message.get("indent", "")
        return reply

    def do_shutdown(self, restart):
        if self.rex is not None:
            self.rex.close()
            self.rex = None
        return {"status": "ok", "restart": restart}


if __name__ == "__main__":
    from ipykernel.kernelapp import IPKernelApp

    # A parent may have started us with SIGINT blocked (the mask is inherited): unblock it
    # before any thread starts, or an interrupt would never arrive.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    IPKernelApp.launch_instance(kernel_class=RexKernel)
