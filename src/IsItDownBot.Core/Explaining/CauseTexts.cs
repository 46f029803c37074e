using System.Net.Sockets;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Explaining;

/// <summary>
/// The words of every cause, English and French side by side so that they read alike and change together.
/// Probe details (SERVFAIL, 503, an address) are technical tokens and appear as they are in both languages.
/// </summary>
internal sealed class CauseTexts(ProbeEvidence evidence)
{
    private string Name => evidence.Service.Name;

    private string Zone => string.IsNullOrEmpty(evidence.Service.Zone) ? Name : evidence.Service.Zone;

    public Cause Up() => new(
        CauseCodes.Ok,
        new($"It's up from here; if {Name} fails for you, it may be just you",
            $"Ça fonctionne d’ici ; si {Name} ne marche pas chez vous, le problème vient peut-être de votre côté"),
        new($"Every check passed: DNS finds {Name}'s servers, they accept connections and answer normally. "
            + "If it does not work for you, the problem is probably on your side: your connection, your DNS or the app.",
            $"Toutes les vérifications passent : le DNS trouve les serveurs de {Name}, ils acceptent les connexions et répondent "
            + "normalement. Si ça ne marche pas chez vous, le problème vient sans doute de votre côté : votre connexion, "
            + "votre DNS ou l’application."));

    public Cause LocalNetwork() => new(
        CauseCodes.LocalNetwork,
        new("Can't tell: the bot's own network is down",
            "Impossible de savoir : c’est le réseau du bot qui est en panne"),
        new($"The bot could not reach {Name}, but it could not reach its reference sites either. "
            + $"The problem is most likely the bot's own internet connection, not {Name}; ask again in a moment.",
            $"Le bot n’a pas pu joindre {Name}, mais pas non plus ses sites de référence. Le problème vient très "
            + $"probablement de la connexion du bot lui-même, pas de {Name} ; redemandez dans un instant."));

    public Cause NoRoute(EndpointFinding finding)
    {
        var family = finding.Witness?.TcpTarget?.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        var host = finding.Host;
        return new(
            CauseCodes.LocalNoRoute,
            new($"Can't test {family} from here: {host} could only be tried over {family}, which the bot's network lacks",
                $"Impossible de tester l’{family} d’ici : {host} ne pouvait être essayé qu’en {family}, que le réseau du bot n’a pas"),
            new($"The bot could only try {host} over {family}, and its own network has no {family} connectivity, so the "
                + $"connection never left the bot. This says nothing about {Name}: it may well work for you.",
                $"Le bot ne pouvait essayer {host} qu’en {family}, et son propre réseau n’a pas de connectivité {family} : "
                + $"la connexion n’est jamais partie du bot. Cela ne dit rien de {Name} : le service marche peut-être très bien pour vous."));
    }

    public Cause For(EndpointFinding finding)
    {
        var host = finding.Host;
        var detail = finding.Witness?.Detail ?? "";
        return finding.Code switch
        {
            CauseCodes.TargetRefused when !ServiceProber.WebPorts.Contains(finding.Evidence.Endpoint.Port) && !PrivateNames.IsPrivate(host) => new(
                CauseCodes.TargetRefused,
                new("I only check web ports", "Je ne vérifie que les ports web"),
                new($"Port {finding.Evidence.Endpoint.Port} of {host} is not a web port, so the bot did not connect to it. "
                    + "It only checks ports 80 and 443, so that nobody can use it to scan the other ports of a machine.",
                    $"Le port {finding.Evidence.Endpoint.Port} de {host} n’est pas un port web, donc le bot ne s’y est pas connecté. "
                    + "Il ne vérifie que les ports 80 et 443, pour que personne ne puisse s’en servir pour scanner les autres ports d’une machine.")),
            CauseCodes.TargetRefused => new(
                CauseCodes.TargetRefused,
                new("I only check public services", "Je ne vérifie que des services publics"),
                new($"{host} is a private name or leads to a private or reserved address, so the bot did not connect to it. "
                    + "For safety it only checks services on the public internet.",
                    $"{host} est un nom privé ou mène à une adresse privée ou réservée, donc le bot ne s’y est pas connecté. "
                    + "Par sécurité, il ne vérifie que des services sur l’internet public.")),
            CauseCodes.DnsNxDomain => new(
                CauseCodes.DnsNxDomain,
                new($"DNS says {host} does not exist", $"Le DNS dit que {host} n’existe pas"),
                new($"DNS resolvers answer that {host} does not exist. Either the name is mistyped, or {Name}'s domain "
                    + "has expired or been removed from DNS; no one can reach it by that name.",
                    $"Les résolveurs DNS répondent que {host} n’existe pas. Soit le nom est mal écrit, soit le domaine de "
                    + $"{Name} a expiré ou a été retiré du DNS ; personne ne peut le joindre sous ce nom.")),
            CauseCodes.DnsNoAddress => new(
                CauseCodes.DnsNoAddress,
                new($"DNS has no address for {host}", $"Le DNS n’a aucune adresse pour {host}"),
                new($"{host} exists in DNS but has no address, so browsers and apps have nowhere to connect. "
                    + $"This is usually a DNS configuration mistake on {Name}'s side.",
                    $"{host} existe dans le DNS mais sans adresse : navigateurs et applications ne savent pas où se connecter. "
                    + $"C’est en général une erreur de configuration DNS du côté de {Name}.")),
            CauseCodes.DnsServFail => new(
                CauseCodes.DnsServFail,
                new($"DNS failure: resolvers can't look up {host}", $"Panne DNS : les résolveurs n’arrivent pas à trouver {host}"),
                new($"DNS resolvers fail when asked for {host} ({detail}). Until DNS works again, browsers and apps "
                    + $"cannot find {Name}'s servers, even if those servers are running.",
                    $"Les résolveurs DNS échouent quand on leur demande {host} ({detail}). Tant que le DNS ne remarche pas, "
                    + $"navigateurs et applications ne trouvent pas les serveurs de {Name}, même s’ils tournent.")),
            CauseCodes.DnsAuthoritativeUnreachable => new(
                CauseCodes.DnsAuthoritativeUnreachable,
                new($"DNS failure: {Zone}'s name servers are unreachable, so no one can find {Name}'s servers",
                    $"Panne DNS : les serveurs de noms de {Zone} sont injoignables, donc personne ne trouve les serveurs de {Name}"),
                new($"Every DNS resolver fails to look up {Zone}, and {Zone}'s own name servers do not answer at all. "
                    + $"The problem is on {Name}'s side: without its name servers, no one on the internet can find its "
                    + "servers, even if they are running.",
                    $"Tous les résolveurs DNS échouent sur {Zone}, et les serveurs de noms de {Zone} eux-mêmes ne répondent pas "
                    + $"du tout. Le problème est du côté de {Name} : sans ses serveurs de noms, personne sur internet ne trouve "
                    + "ses serveurs, même s’ils tournent.")),
            CauseCodes.DnsLameDelegation or CauseCodes.DnsResolverSide =>
                new DelegationTexts(evidence).For(finding.Code, host),
            CauseCodes.TcpRefused => new(
                CauseCodes.TcpRefused,
                new($"{Name}'s servers refuse connections", $"Les serveurs de {Name} refusent les connexions"),
                new($"DNS finds {Name}'s servers, but they refuse connections ({finding.Witness?.Target}). "
                    + $"The service behind them is stopped or failing; the problem is on {Name}'s side.",
                    $"Le DNS trouve les serveurs de {Name}, mais ils refusent les connexions ({finding.Witness?.Target}). "
                    + $"Le service derrière est arrêté ou en échec ; le problème est du côté de {Name}.")),
            CauseCodes.TcpTimeout => new(
                CauseCodes.TcpTimeout,
                new($"{Name}'s servers don't answer", $"Les serveurs de {Name} ne répondent pas"),
                new($"DNS finds {Name}'s servers, but connections to them get no answer ({detail}). "
                    + "The servers may be down, or the network path to them is broken.",
                    $"Le DNS trouve les serveurs de {Name}, mais les connexions restent sans réponse ({detail}). "
                    + "Les serveurs sont peut-être arrêtés, ou le chemin réseau jusqu’à eux est coupé.")),
            CauseCodes.TlsCertificate => new(
                CauseCodes.TlsCertificate,
                new($"{Name}'s security certificate is {CertificateProblem(finding.Witness?.Outcome)}",
                    $"Le certificat de sécurité de {Name} {CertificateProblemFrench(finding.Witness?.Outcome)}"),
                new($"The servers answer, but their {detail}. Browsers and apps refuse such a connection to protect "
                    + $"you, so {Name} fails for everyone until the certificate is fixed.",
                    $"Les serveurs répondent, mais leur certificat {CertificateProblemFrench(finding.Witness?.Outcome)} ({detail}). "
                    + $"Navigateurs et applications refusent une telle connexion pour vous protéger : {Name} échoue pour "
                    + "tout le monde jusqu’à ce que le certificat soit corrigé.")),
            CauseCodes.TlsChainIncomplete => new(
                CauseCodes.TlsChainIncomplete,
                new("Incomplete certificate chain: some apps and older clients fail, browsers usually work",
                    "Chaîne de certificats incomplète : certaines applications et anciens clients échouent, les navigateurs "
                    + "fonctionnent en général"),
                new($"{Name}'s servers answer, but do not send the intermediate certificate that links theirs to a trusted "
                    + $"authority ({detail}). Browsers usually fetch it themselves and work; apps, scripts and older devices "
                    + $"that do not refuse the connection. {Name} has to fix its server configuration.",
                    $"Les serveurs de {Name} répondent, mais n’envoient pas le certificat intermédiaire qui relie le leur à une "
                    + $"autorité reconnue ({detail}). Les navigateurs vont en général le chercher eux-mêmes et fonctionnent ; "
                    + $"les applications, scripts et anciens appareils qui ne le font pas refusent la connexion. {Name} doit "
                    + "corriger la configuration de ses serveurs.")),
            CauseCodes.TlsHandshake => new(
                CauseCodes.TlsHandshake,
                new($"Secure connection to {Name} fails", $"La connexion sécurisée à {Name} échoue"),
                new($"{Name}'s servers accept connections, but the secure (TLS) handshake fails ({detail}). "
                    + "Browsers and apps cannot load it.",
                    $"Les serveurs de {Name} acceptent les connexions, mais la négociation sécurisée (TLS) échoue ({detail}). "
                    + "Navigateurs et applications ne peuvent pas le charger.")),
            CauseCodes.HttpServerError => new(
                CauseCodes.HttpServerError,
                new($"{Name}'s servers answer {StatusCodes("errors")}", $"Les serveurs de {Name} répondent {StatusCodes("des erreurs")}"),
                new($"{Name}'s servers are reachable but answer with an error ({StatusCodes("errors")}): something behind them "
                    + $"is broken or overloaded. The problem is on {Name}'s side.",
                    $"Les serveurs de {Name} sont joignables mais répondent par une erreur ({StatusCodes("des erreurs")}) : quelque chose "
                    + $"derrière eux est cassé ou surchargé. Le problème est du côté de {Name}.")),
            CauseCodes.HttpRateLimited => new(
                CauseCodes.HttpRateLimited,
                new($"{Name} is turning requests away (429 Too Many Requests)",
                    $"{Name} refuse des requêtes (429 Too Many Requests)"),
                new($"{Name}'s servers answer \"too many requests\": it is up but rationing traffic, "
                    + "probably because it is overloaded. Some people will see errors.",
                    $"Les serveurs de {Name} répondent « trop de requêtes » : le service fonctionne mais rationne le trafic, "
                    + "sans doute parce qu’il est surchargé. Certaines personnes verront des erreurs.")),
            CauseCodes.HttpTimeout => new(
                CauseCodes.HttpTimeout,
                new($"{Name}'s servers accept connections but don't reply",
                    $"Les serveurs de {Name} acceptent les connexions mais ne répondent pas"),
                new($"Connections to {Name} succeed, but requests get no reply in time. "
                    + "The servers are probably overloaded or stuck.",
                    $"Les connexions à {Name} aboutissent, mais les requêtes restent sans réponse à temps. "
                    + "Les serveurs sont probablement surchargés ou bloqués.")),
            _ => new(
                CauseCodes.HttpError,
                new($"{Name}'s servers break off requests", $"Les serveurs de {Name} interrompent les requêtes"),
                new($"Connections to {Name} succeed, but requests fail ({detail}). Something between the servers "
                    + "and the application behind them is broken.",
                    $"Les connexions à {Name} aboutissent, mais les requêtes échouent ({detail}). Quelque chose est cassé "
                    + "entre les serveurs et l’application derrière eux.")),
        };
    }

    public Cause Partial(EndpointFinding primary, IReadOnlyList<EndpointFinding> failing, int endpointCount)
    {
        var hosts = string.Join(", ", failing.Select(finding => finding.Host).Distinct());
        var inner = For(primary).Summary;
        var working = endpointCount - failing.Count;
        return new(
            CauseCodes.Partial,
            new($"Partly down: {hosts} fails ({FirstLower(inner.English, Name)})",
                $"Panne partielle : {hosts} échoue ({FirstLower(inner.French, Name)})"),
            new($"{working} of {endpointCount} parts of {Name} work, but {hosts} fails: {FirstLower(inner.English, Name)}. "
                + "Some features or apps will not work while the rest does.",
                $"{working} {(working == 1 ? "partie" : "parties")} de {Name} sur {endpointCount} {(working == 1 ? "fonctionne" : "fonctionnent")}, mais {hosts} échoue : {FirstLower(inner.French, Name)}. "
                + "Certaines fonctions ou applications ne marcheront pas, le reste si."));
    }

    public Cause Slow(EndpointFinding slow, TimeSpan slowAfter)
    {
        var latency = Durations.Format(slow.Witness!.Latency);
        var normal = Durations.Format(slowAfter);
        return new(
            CauseCodes.Slow,
            new($"{Name} is up but slow ({latency} to answer)", $"{Name} fonctionne mais lentement ({latency} pour répondre)"),
            new($"{Name} answers, but {slow.Host} takes {latency}, more than the {normal} considered normal. "
                + "Pages and apps will feel sluggish, and some may time out.",
                $"{Name} répond, mais {slow.Host} met {latency}, plus que les {normal} jugées normales. "
                + "Pages et applications paraîtront lentes, et certaines pourront expirer."));
    }

    public Cause ResolverTrouble(IReadOnlyList<ProbeResult> failed)
    {
        var resolvers = string.Join(", ", failed.Select(probe => probe.Target).Distinct());
        return new(
            CauseCodes.DnsResolver,
            new($"{Name} works, but some DNS resolvers fail to look it up",
                $"{Name} fonctionne, mais certains résolveurs DNS n’arrivent pas à le trouver"),
            new($"{Name}'s servers answer, but the resolver(s) {resolvers} fail to look it up ({failed[0].Detail}) "
                + $"while others succeed. People whose provider uses a failing resolver cannot reach {Name}; "
                + "switching to another DNS resolver helps.",
                $"Les serveurs de {Name} répondent, mais le ou les résolveurs {resolvers} échouent ({failed[0].Detail}) "
                + $"alors que d’autres y arrivent. Ceux dont le fournisseur utilise un résolveur en échec ne joignent pas "
                + $"{Name} ; changer de résolveur DNS aide."));
    }

    private string StatusCodes(string whenNone)
    {
        var codes = evidence.Endpoints
            .Select(endpoint => endpoint.Http?.HttpStatus)
            .OfType<int>()
            .Where(code => code >= 500)
            .Distinct()
            .Order()
            .ToList();
        return codes.Count == 0 ? whenNone : string.Join(", ", codes);
    }

    private static string CertificateProblem(ProbeOutcome? outcome) => outcome switch
    {
        ProbeOutcome.CertificateExpired => "expired",
        ProbeOutcome.CertificateNotYetValid => "not valid yet",
        ProbeOutcome.CertificateNameMismatch => "for another name",
        _ => "not trusted",
    };

    private static string CertificateProblemFrench(ProbeOutcome? outcome) => outcome switch
    {
        ProbeOutcome.CertificateExpired => "a expiré",
        ProbeOutcome.CertificateNotYetValid => "n’est pas encore valide",
        ProbeOutcome.CertificateNameMismatch => "est fait pour un autre nom",
        _ => "n’est pas reconnu",
    };

    /// <summary>A sentence made to continue another: "DNS failure" stays, "The servers" becomes "the servers", a name stays a name.</summary>
    internal static string FirstLower(string text, string name) =>
        text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1]))
            && !text.StartsWith(name, StringComparison.Ordinal)
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
}
