using System.Globalization;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Rendering;

/// <summary>
/// The words of the short evidence, in each language. They come from a probe's outcome, never from its detail: the
/// detail is English only, and holds latencies and addresses that would make two identical outcomes look different.
/// </summary>
internal static class EvidenceWords
{
    public static readonly Noun Resolvers = new(new("resolver", "résolveur"), new("resolvers", "résolveurs"));

    public static readonly Noun Addresses = new(new("address", "adresse"), new("addresses", "adresses"));

    public static readonly Noun NameServers = new(new("name server", "serveur de noms"), new("name servers", "serveurs de noms"));

    public static readonly Noun RootLookups = new(new("lookup from the root", "requête depuis la racine"), new("lookups from the root", "requêtes depuis la racine"));

    public static readonly Phrase ControlHosts = new("control hosts", "hôtes témoins");

    public static readonly Phrase Tls = new("TLS", "TLS");

    public static readonly Phrase Http = new("HTTP", "HTTP");

    /// <summary>"all fine: DNS, TCP, TLS, HTTP 200": the layers an endpoint passed, in the order they run.</summary>
    public static Phrase AllFine(IReadOnlyList<ProbeResult> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var layers = new List<string>();
        foreach (var kind in (ReadOnlySpan<ProbeKind>)[ProbeKind.Dns, ProbeKind.Tcp, ProbeKind.Tls, ProbeKind.Http])
        {
            if (probes.FirstOrDefault(probe => probe.Kind == kind) is { } probe)
            {
                var name = kind.ToString().ToUpperInvariant();
                layers.Add(kind == ProbeKind.Http && probe.HttpStatus is { } status ? $"{name} {status.ToString(CultureInfo.InvariantCulture)}" : name);
            }
        }

        var list = string.Join(", ", layers);
        return new($"all fine: {list}", $"tout va bien : {list}");
    }

    public static Phrase Reachable(int reached, int of) =>
        Format(new("{0} of {1} reachable", of == 1 ? "{0} sur {1} joignable" : "{0} sur {1} joignables"), reached, of);

    /// <summary>"2 of 4 resolvers", "2 sur 4 résolveurs"; the noun agrees with the total.</summary>
    public static Phrase Count(int count, int of, Noun noun)
    {
        ArgumentNullException.ThrowIfNull(noun);
        var name = of == 1 ? noun.One : noun.Many;
        return Format(new($"{{0}} of {{1}} {name.English}", $"{{0}} sur {{1}} {name.French}"), count, of);
    }

    /// <summary>"2 of 4", for the second and later outcomes of a line, where the noun is already said.</summary>
    public static Phrase Count(int count, int of) => Format(new("{0} of {1}", "{0} sur {1}"), count, of);

    /// <summary>"… : SERVFAIL", with French spacing before the colon.</summary>
    public static Phrase Said(Phrase what, Phrase outcome) => new($"{what.English}: {outcome.English}", $"{what.French} : {outcome.French}");

    /// <summary>"no answer (UDP and TCP)".</summary>
    public static Phrase Over(Phrase outcome, IReadOnlyList<string> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        var and = new Phrase(string.Join(" and ", transports), string.Join(" et ", transports));
        return new($"{outcome.English} ({and.English})", $"{outcome.French} ({and.French})");
    }

    public static Phrase Outcome(ProbeResult probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return probe.Outcome switch
        {
            ProbeOutcome.Ok => probe.Kind switch
            {
                ProbeKind.Tcp => new("connected", "connexion établie"),
                ProbeKind.Tls => new("valid certificate", "certificat valide"),
                ProbeKind.Http => HttpStatus(probe),
                _ => new("answered", "ont répondu"),
            },
            ProbeOutcome.Timeout => new("no answer", "pas de réponse"),
            ProbeOutcome.Skipped => new("not tried", "pas essayé"),
            // Refused before any packet: a private or reserved address, or a port that is not a web port; the cause says which.
            ProbeOutcome.Blocked => new("not probed: refused for safety", "pas testé : refusé par sécurité"),
            ProbeOutcome.DnsNxDomain => new("NXDOMAIN, no such name", "NXDOMAIN, nom inexistant"),
            ProbeOutcome.DnsServFail => new("SERVFAIL", "SERVFAIL"),
            ProbeOutcome.DnsRefused => new("REFUSED", "REFUSED"),
            ProbeOutcome.DnsNoAddresses => new("no address", "aucune adresse"),
            ProbeOutcome.DnsNotAuthoritative => new("answered without authority (lame delegation)", "ont répondu sans autorité (délégation boiteuse)"),
            ProbeOutcome.DnsError => new("DNS error", "erreur DNS"),
            ProbeOutcome.ConnectionRefused => new("connection refused", "connexion refusée"),
            ProbeOutcome.Unreachable when probe.NoRouteFromHere => new("no route from here", "pas de route d’ici"),
            ProbeOutcome.Unreachable => new("unreachable", "injoignable"),
            ProbeOutcome.CertificateExpired => new("certificate expired", "certificat expiré"),
            ProbeOutcome.CertificateNotYetValid => new("certificate not yet valid", "certificat pas encore valide"),
            ProbeOutcome.CertificateUntrusted => new("untrusted certificate", "certificat non reconnu"),
            ProbeOutcome.CertificateNameMismatch => new("certificate for another name", "certificat d’un autre nom"),
            ProbeOutcome.CertificateChainIncomplete => new("incomplete certificate chain", "chaîne de certificats incomplète"),
            ProbeOutcome.TlsHandshakeFailed => new("TLS handshake failed", "échec de la négociation TLS"),
            ProbeOutcome.HttpServerError => HttpStatus(probe),
            ProbeOutcome.HttpRateLimited => new("429, too many requests", "429, trop de requêtes"),
            ProbeOutcome.HttpProtocolError => new("broken HTTP answer", "réponse HTTP invalide"),
            _ => new(probe.Outcome.ToString(), probe.Outcome.ToString()),
        };
    }

    // The number alone: the reason phrase is the server's, in its words and its language.
    private static Phrase HttpStatus(ProbeResult probe) => probe.HttpStatus is { } status
        ? new(status.ToString(CultureInfo.InvariantCulture), status.ToString(CultureInfo.InvariantCulture))
        : new("answer", "réponse");

    private static Phrase Format(Phrase pattern, int count, int of) => new(
        string.Format(CultureInfo.InvariantCulture, pattern.English, count, of),
        string.Format(CultureInfo.InvariantCulture, pattern.French, count, of));

    /// <summary>A thing counted, singular and plural.</summary>
    public sealed record Noun(Phrase One, Phrase Many);
}
