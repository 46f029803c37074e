using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Probing.Routing;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Configuration;

/// <summary>The checks no attribute can express: resolver addresses, URLs, the catalog's entries, files.</summary>
internal sealed class IsItDownOptionsValidator :
    IValidateOptions<DnsOptions>, IValidateOptions<ProbeOptions>, IValidateOptions<CatalogOptions>, IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, DnsOptions options)
    {
        var errors = new List<string>();
        if (options.Resolvers.Count == 0)
        {
            errors.Add($"{DnsOptions.SectionName}:Resolvers: at least one resolver is needed (\"system\", an IP address or ip:port).");
        }

        for (var i = 0; i < options.Resolvers.Count; i++)
        {
            var spec = options.Resolvers[i];
            if (!string.Equals(spec?.Trim(), DnsOptions.SystemResolver, StringComparison.OrdinalIgnoreCase)
                && !DnsResolver.TryParseEndPoint(spec ?? "", out _))
            {
                errors.Add($"{DnsOptions.SectionName}:Resolvers:{i}: '{spec}' is not \"system\", an IP address or ip:port.");
            }
        }

        for (var i = 0; i < options.RootServers.Count; i++)
        {
            var spec = options.RootServers[i];
            if (!IpLiteral.TryParse(spec, out _))
            {
                errors.Add($"{DnsOptions.SectionName}:RootServers:{i}: '{spec}' is not an IP address (the port is {DnsOptions.SectionName}:AuthoritativePort).");
            }
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, ProbeOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ControlHosts.Count; i++)
        {
            if (!IsHttpUrl(options.ControlHosts[i]))
            {
                errors.Add($"IsItDown:ControlHosts:{i}: '{options.ControlHosts[i]}' is not an absolute http(s) URL.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedCaFile))
        {
            if (!File.Exists(options.TrustedCaFile))
            {
                errors.Add($"{ProbeOptions.SectionName}:TrustedCaFile: the file '{options.TrustedCaFile}' does not exist.");
            }
            else if (!HoldsCertificates(options.TrustedCaFile))
            {
                errors.Add($"{ProbeOptions.SectionName}:TrustedCaFile: '{options.TrustedCaFile}' holds no PEM certificate.");
            }
        }

        using var request = new HttpRequestMessage();
        if (string.IsNullOrWhiteSpace(options.UserAgent) || !request.Headers.UserAgent.TryParseAdd(options.UserAgent))
        {
            errors.Add($"{ProbeOptions.SectionName}:UserAgent: '{options.UserAgent}' is not a valid User-Agent header.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = new List<string>();
        foreach (var (id, service) in options.Services)
        {
            var key = $"IsItDown:Services:{id}";
            if (service.Endpoints.Count == 0)
            {
                errors.Add($"{key}:Endpoints: a service needs at least one endpoint URL.");
            }

            for (var i = 0; i < service.Endpoints.Count; i++)
            {
                if (!IsHttpUrl(service.Endpoints[i]))
                {
                    errors.Add($"{key}:Endpoints:{i}: '{service.Endpoints[i]}' is not an absolute http(s) URL.");
                }
            }

            if (!string.IsNullOrWhiteSpace(service.Zone) && !HostName.TryParse(service.Zone, out _))
            {
                errors.Add($"{key}:Zone: '{service.Zone}' is not a domain name.");
            }

            for (var i = 0; i < service.NameServers.Count; i++)
            {
                var server = service.NameServers[i];
                if (string.IsNullOrWhiteSpace(server.Name))
                {
                    errors.Add($"{key}:NameServers:{i}:Name: a name server needs a name.");
                }

                if (!string.IsNullOrWhiteSpace(server.Address) && !IPAddress.TryParse(server.Address, out _))
                {
                    errors.Add($"{key}:NameServers:{i}:Address: '{server.Address}' is not an IP address.");
                }
            }

            if (!string.IsNullOrWhiteSpace(service.StatusPage) && !IsHttpUrl(service.StatusPage.Trim()))
            {
                errors.Add($"{key}:StatusPage: '{service.StatusPage}' is not an absolute http(s) URL.");
            }
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, RoutingOptions options)
    {
        var errors = new List<string>();
        if (!IsHttpUrl(options.LookingGlassUrl))
        {
            errors.Add($"{RoutingOptions.SectionName}:LookingGlassUrl: '{options.LookingGlassUrl}' is not an absolute http(s) URL.");
        }

        return Result(errors);
    }

    private static bool HoldsCertificates(string path)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
}
