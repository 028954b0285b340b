namespace Dibao.Verification.Contracts.V1;

public sealed record PersonToCheck(string IdNumber, string Name);
