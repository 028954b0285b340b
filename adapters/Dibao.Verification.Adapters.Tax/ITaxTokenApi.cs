using Dibao.Verification.Adapters.Tax.Wire;
using Refit;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>The bureau's OAuth2 token endpoint (client credentials grant).</summary>
[Headers("Accept: application/json")]
internal interface ITaxTokenApi
{
    [Post("/oauth/token")]
    Task<IApiResponse<TokenResponseWire>> RequestTokenAsync(
        [Body(BodySerializationMethod.UrlEncoded)] IDictionary<string, string> form,
        CancellationToken cancellationToken);
}
