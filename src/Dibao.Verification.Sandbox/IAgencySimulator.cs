using Microsoft.AspNetCore.Routing;

namespace Dibao.Verification.Sandbox;

/// <summary>One agency's endpoints, exactly as its specification describes them.</summary>
internal interface IAgencySimulator
{
    string AgencyCode { get; }

    void Map(IEndpointRouteBuilder endpoints);
}
