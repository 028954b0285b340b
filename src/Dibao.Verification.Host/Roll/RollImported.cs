namespace Dibao.Verification.Host.Roll;

/// <summary>The answer to <c>POST /api/v1/roll/imports</c>.</summary>
public sealed record RollImported(int Households, int Members);
