namespace Dibao.Verification.Host.Recomparison;

public sealed record AgencyCountsView(int Asked, int Refused, int Unavailable);
