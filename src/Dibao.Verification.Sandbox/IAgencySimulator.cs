using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox;

/// <summary>One agency's endpoints, exactly as its specification describes them.</summary>
internal interface IAgencySimulator
{
    string AgencyCode { get; }

    /// <summary>
    /// Whether the sandbox checks <c>X-Api-Key</c> before the simulator sees a request. Agencies that
    /// authenticate otherwise (OAuth2, signatures) return false and check in their own endpoints.
    /// </summary>
    bool RequiresApiKey => true;

    void Map(IEndpointRouteBuilder endpoints);

    /// <summary>
    /// The hub's configuration that points its adapter at this simulator listening at <paramref name="baseUrl"/>:
    /// <c>Agencies:&lt;Section&gt;:BaseUrl</c> and whatever credentials the agency's specification uses.
    /// </summary>
    IEnumerable<KeyValuePair<string, string?>> HubSettings(Uri baseUrl, string apiKey);
}
