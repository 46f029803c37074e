using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IsItDownBot.Core.Probing.Tls;

/// <summary>
/// Loads the system's root certificates on a background thread. On Linux the first TLS handshake of a process
/// loads OpenSSL and reads the whole system store to validate the chain, a good part of the first handshake's
/// time; a one-shot command started this way reads them while it parses its configuration and asks DNS instead.
/// The runtime caches the store for the process, so the handshake then finds it loaded.
/// </summary>
public static class SystemTrustWarmUp
{
    public static Task Start() => Task.Run(static () =>
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            foreach (var certificate in store.Certificates)
            {
                certificate.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // No readable store: the handshake will say so itself; warming up is only ever an optimisation.
        }
    });
}
