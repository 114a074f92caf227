"""Live preview: `properdocs serve` (live reload on) on 127.0.0.1:PORT, with a clear
message instead of a traceback when the port is taken.

    python scripts/serve_site.py 8000      (make serve PORT=8000)
"""

import os
import socket
import sys

from sitelib.site_builder import command


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    port = args[0] if args else "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f'PORT "{port}" is not a port number: use make serve PORT=8001',
              file=sys.stderr)
        return 2
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", int(port)))
        except OSError:
            print(f"Port {port} is already in use (another preview?). Stop it with Ctrl+C in "
                  f"its terminal, or use another port: make serve PORT={int(port) + 1}",
                  file=sys.stderr)
            return 1
    os.execv(sys.executable, command("serve", "--dev-addr", f"127.0.0.1:{port}"))


if __name__ == "__main__":
    sys.exit(main())
