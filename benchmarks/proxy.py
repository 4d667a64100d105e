"""A weak phone's network on loopback: a TCP proxy that every byte passes through.

Each direction is a link of its own, shared by all connections (as a phone's radio is):
bytes wait for the link to be free, take their time at its bandwidth, then travel for half
the round trip; a new connection first waits one round trip, as its handshake would. Chromium's
own throttling does not slow every kind of request; this does.

    python benchmarks/proxy.py LISTEN_PORT TARGET_PORT   # 150 ms, 1.6 Mbit/s down, 750 kbit/s up
"""

import asyncio
import sys
import time
from contextlib import suppress
from dataclasses import dataclass

PIECE = 1460  # bytes sent at once: a TCP segment, so pacing is smooth


@dataclass
class Link:
    """One direction: `delay` seconds of travel, `bits_per_second` of bandwidth."""

    delay: float
    bits_per_second: float
    free_at: float = 0.0

    def arrival(self, size: int) -> float:
        """When `size` bytes handed over now reach the other end; the link is busy until they are sent."""
        self.free_at = max(self.free_at, time.monotonic()) + size * 8 / self.bits_per_second
        return self.free_at + self.delay


@dataclass
class Profile:
    round_trip: float = 0.150
    down_bits: float = 1_600_000
    up_bits: float = 750_000


async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: Link, not_before: float = 0.0) -> None:
    """Copy one direction through `link`, nothing leaving before `not_before`; reading goes on while earlier bytes are on their way.

    Until `not_before` (its handshake) a new connection's bytes wait here, off the shared link:
    other connections' bytes go meanwhile, as a handshake's few bytes take a round trip, not the link.
    """
    queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()

    async def deliver() -> None:
        while (item := await queue.get()) is not None:
            at, data = item
            await asyncio.sleep(max(0.0, at - time.monotonic()))
            writer.write(data)
            await writer.drain()
        with suppress(OSError):
            if writer.can_write_eof():
                writer.write_eof()

    delivery = asyncio.create_task(deliver())
    try:
        while data := await reader.read(65536):
            await asyncio.sleep(max(0.0, not_before - time.monotonic()))
            for start in range(0, len(data), PIECE):
                piece = data[start : start + PIECE]
                queue.put_nowait((link.arrival(len(piece)), piece))
    except OSError:
        pass
    finally:
        queue.put_nowait(None)
        with suppress(OSError):
            await delivery


async def start_proxy(listen_port: int, target_port: int, profile: Profile = Profile(), host: str = "127.0.0.1") -> asyncio.Server:
    up = Link(profile.round_trip / 2, profile.up_bits)
    down = Link(profile.round_trip / 2, profile.down_bits)

    async def connect(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(host, target_port)
        except OSError:
            client_writer.close()
            return
        # On loopback the handshake is instant; on the phone's link it takes a round trip before
        # the first byte can go: a new connection costs what it costs there (keep-alive saves it).
        handshake_done = time.monotonic() + profile.round_trip
        await asyncio.gather(pump(client_reader, server_writer, up, handshake_done), pump(server_reader, client_writer, down))
        for writer in (client_writer, server_writer):
            writer.close()
            with suppress(OSError):
                await writer.wait_closed()

    return await asyncio.start_server(connect, host, listen_port)


async def serve(listen_port: int, target_port: int) -> None:
    server = await start_proxy(listen_port, target_port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), int(sys.argv[2])))
