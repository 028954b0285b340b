namespace Dibao.Verification.Sandbox.Bank;

/// <param name="Code">How the hub names the bank, e.g. <c>ICBC</c>; also the first segment of its path in the sandbox.</param>
/// <param name="Number">The bank's number in the synthetic population's accounts, e.g. <c>102</c>.</param>
public sealed record SimulatedBank(string Code, string Number)
{
    public string PathSegment => Code.ToLowerInvariant();
}
