using System.Text.Json.Serialization;

namespace Dibao.Verification.Adapters.Tax.Wire;

/// <summary>OAuth2 names its fields in snake_case, unlike the rest of the bureau's interface.</summary>
/// <param name="ExpiresIn">Seconds from issue.</param>
internal sealed record TokenResponseWire(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
