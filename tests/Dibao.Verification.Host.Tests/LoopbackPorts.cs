using System.Net;
using System.Net.Sockets;

namespace Dibao.Verification.Host.Tests;

/// <summary>
/// Ports for servers the tests start as processes. A port the system hands out for port 0 comes from the ephemeral range,
/// which every outgoing connection on the machine also draws from: between the test releasing it and the server binding
/// it, a busy machine gave it away ("address already in use"). These come from below that range (Linux's starts at
/// 32768), picked at random and checked free.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20_000;
    private const int End = 32_000;

    public static int Free()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(First, End);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {End} after 100 tries.");
    }
}
