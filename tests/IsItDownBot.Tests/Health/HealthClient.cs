using System.Net;

namespace IsItDownBot.Tests.Health;

/// <summary>GETs a bot's health endpoints on loopback, and polls one until its answer says what a test waits for.</summary>
internal sealed class HealthClient(Uri address) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly HttpClient _http = new() { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until <paramref name="until"/> holds, with a deadline; the last answer is in the failure.</summary>
    public async Task<(HttpStatusCode Status, string Body)> WaitForAsync(string path, Func<HttpStatusCode, string, bool> until)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var (status, body) = await GetAsync(path);
            if (until(status, body))
            {
                return (status, body);
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} never answered as expected within {Patience}; last: {(int)status} {body}");
            }

            await Task.Delay(Interval);
        }
    }

    public void Dispose() => _http.Dispose();
}
