using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Explaining;

/// <summary>The words of every cause, in one place so that they read alike and can be translated together.</summary>
internal sealed class CauseTexts(ProbeEvidence evidence)
{
    private string Name => evidence.Service.Name;

    private string Zone => string.IsNullOrEmpty(evidence.Service.Zone) ? Name : evidence.Service.Zone;

    public Cause Up() => new(
        CauseCodes.Ok,
        $"It's up from here; if {Name} fails for you, it may be just you",
        $"Every check passed: DNS finds {Name}'s servers, they accept connections and answer normally. "
        + "If it does not work for you, the problem is probably on your side: your connection, your DNS or the app.");

    public Cause LocalNetwork() => new(
        CauseCodes.LocalNetwork,
        "Can't tell: the bot's own network is down",
        $"The bot could not reach {Name}, but it could not reach its reference sites either. "
        + $"The problem is most likely the bot's own internet connection, not {Name}; ask again in a moment.");

    public Cause For(EndpointFinding finding)
    {
        var host = finding.Host;
        var detail = finding.Witness?.Detail ?? "";
        return finding.Code switch
        {
            CauseCodes.TargetRefused => new(
                CauseCodes.TargetRefused,
                "I only check public services",
                $"{host} leads to a private or reserved address, so the bot did not connect to it. "
                + "For safety it only checks services on the public internet."),
            CauseCodes.DnsNxDomain => new(
                CauseCodes.DnsNxDomain,
                $"DNS says {host} does not exist",
                $"DNS resolvers answer that {host} does not exist. Either the name is mistyped, or {Name}'s domain "
                + "has expired or been removed from DNS; no one can reach it by that name."),
            CauseCodes.DnsNoAddress => new(
                CauseCodes.DnsNoAddress,
                $"DNS has no address for {host}",
                $"{host} exists in DNS but has no address, so browsers and apps have nowhere to connect. "
                + $"This is usually a DNS configuration mistake on {Name}'s side."),
            CauseCodes.DnsServFail => new(
                CauseCodes.DnsServFail,
                $"DNS failure: resolvers can't look up {host}",
                $"DNS resolvers fail when asked for {host} ({detail}). Until DNS works again, browsers and apps "
                + $"cannot find {Name}'s servers, even if those servers are running."),
            CauseCodes.DnsAuthoritativeUnreachable => new(
                CauseCodes.DnsAuthoritativeUnreachable,
                $"DNS failure: {Zone}'s name servers are unreachable, so no one can find {Name}'s servers",
                $"Every DNS resolver fails to look up {Zone}, and {Zone}'s own name servers do not answer at all. "
                + $"The problem is on {Name}'s side: without its name servers, no one on the internet can find its "
                + "servers, even if they are running."),
            CauseCodes.TcpRefused => new(
                CauseCodes.TcpRefused,
                $"{Name}'s servers refuse connections",
                $"DNS finds {Name}'s servers, but they refuse connections ({finding.Witness?.Target}). "
                + $"The service behind them is stopped or failing; the problem is on {Name}'s side."),
            CauseCodes.TcpTimeout => new(
                CauseCodes.TcpTimeout,
                $"{Name}'s servers don't answer",
                $"DNS finds {Name}'s servers, but connections to them get no answer ({detail}). "
                + "The servers may be down, or the network path to them is broken."),
            CauseCodes.TlsCertificate => new(
                CauseCodes.TlsCertificate,
                $"{Name}'s security certificate is {CertificateProblem(finding.Witness?.Outcome)}",
                $"The servers answer, but their {detail}. Browsers and apps refuse such a connection to protect "
                + $"you, so {Name} fails for everyone until the certificate is fixed."),
            CauseCodes.TlsHandshake => new(
                CauseCodes.TlsHandshake,
                $"Secure connection to {Name} fails",
                $"{Name}'s servers accept connections, but the secure (TLS) handshake fails ({detail}). "
                + "Browsers and apps cannot load it."),
            CauseCodes.HttpServerError => new(
                CauseCodes.HttpServerError,
                $"{Name}'s servers answer {StatusCodes()}",
                $"{Name}'s servers are reachable but answer with an error ({StatusCodes()}): something behind them "
                + $"is broken or overloaded. The problem is on {Name}'s side."),
            CauseCodes.HttpRateLimited => new(
                CauseCodes.HttpRateLimited,
                $"{Name} is turning requests away (429 Too Many Requests)",
                $"{Name}'s servers answer \"too many requests\": it is up but rationing traffic, "
                + "probably because it is overloaded. Some people will see errors."),
            CauseCodes.HttpTimeout => new(
                CauseCodes.HttpTimeout,
                $"{Name}'s servers accept connections but don't reply",
                $"Connections to {Name} succeed, but requests get no reply in time. "
                + "The servers are probably overloaded or stuck."),
            _ => new(
                CauseCodes.HttpError,
                $"{Name}'s servers break off requests",
                $"Connections to {Name} succeed, but requests fail ({detail}). Something between the servers "
                + "and the application behind them is broken."),
        };
    }

    public Cause Partial(EndpointFinding primary, IReadOnlyList<EndpointFinding> failing, int endpointCount)
    {
        var hosts = string.Join(", ", failing.Select(finding => finding.Host).Distinct());
        var inner = FirstLower(For(primary).Summary);
        return new(
            CauseCodes.Partial,
            $"Partly down: {hosts} fails ({inner})",
            $"{endpointCount - failing.Count} of {endpointCount} parts of {Name} work, but {hosts} fails: {inner}. "
            + "Some features or apps will not work while the rest does.");
    }

    public Cause Slow(EndpointFinding slow, TimeSpan slowAfter)
    {
        var latency = Durations.Format(slow.Witness!.Latency);
        return new(
            CauseCodes.Slow,
            $"{Name} is up but slow ({latency} to answer)",
            $"{Name} answers, but {slow.Host} takes {latency}, more than the {Durations.Format(slowAfter)} considered normal. "
            + "Pages and apps will feel sluggish, and some may time out.");
    }

    public Cause ResolverTrouble(IReadOnlyList<ProbeResult> failed)
    {
        var resolvers = string.Join(", ", failed.Select(probe => probe.Target).Distinct());
        return new(
            CauseCodes.DnsResolver,
            $"{Name} works, but some DNS resolvers fail to look it up",
            $"{Name}'s servers answer, but the resolver(s) {resolvers} fail to look it up ({failed[0].Detail}) "
            + $"while others succeed. People whose provider uses a failing resolver cannot reach {Name}; "
            + "switching to another DNS resolver helps.");
    }

    private string StatusCodes()
    {
        var codes = evidence.Endpoints
            .Select(endpoint => endpoint.Http?.HttpStatus)
            .OfType<int>()
            .Where(code => code >= 500)
            .Distinct()
            .Order()
            .ToList();
        return codes.Count == 0 ? "errors" : string.Join(", ", codes);
    }

    private static string CertificateProblem(ProbeOutcome? outcome) => outcome switch
    {
        ProbeOutcome.CertificateExpired => "expired",
        ProbeOutcome.CertificateNotYetValid => "not valid yet",
        ProbeOutcome.CertificateNameMismatch => "for another name",
        _ => "not trusted",
    };

    private static string FirstLower(string text) =>
        text.Length > 0 && char.IsUpper(text[0]) && (text.Length == 1 || !char.IsUpper(text[1]))
            ? char.ToLowerInvariant(text[0]) + text[1..]
            : text;
}
