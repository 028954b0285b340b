using Dibao.Verification.Contracts.V1;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>A <see cref="TaxQuery"/> is bound to the names and income window of one question.</summary>
internal sealed class TaxQueryFactory(ITaxApi api, ILogger<TaxQuery> logger)
{
    public TaxQuery For(QueryAgency question) => new(api, question, logger);
}
