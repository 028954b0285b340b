using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Persistence;

/// <summary>SQL Server cannot run here, but how the hub's queries are translated for it can be read without a server.</summary>
public sealed class SqlServerTranslationTests
{
    [Fact]
    public async Task A_page_of_ids_travels_as_one_parameter_well_under_SQL_Servers_limit_of_2100()
    {
        await using var services = HubDatabase.Services("SqlServer", "Server=127.0.0.1,1;Database=dibao;User Id=dibao;Password=unused;TrustServerCertificate=true");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var ids = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid()).ToList();

        var sql = db.AgencyAnswers.Where(a => ids.Contains(a.Id) && a.State == AnswerState.Awaited).ToQueryString();

        db.ShouldBeOfType<SqlServerHubDbContext>();
        sql.ShouldContain("OPENJSON");
        sql.Split('@').Length.ShouldBeLessThan(10, sql[..Math.Min(sql.Length, 500)]);
    }
}
