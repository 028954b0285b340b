using Dibao.Verification.Host.Verification;
using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>The hub's schema on PostgreSQL: its own type so that its migrations are its own (see <see cref="HubDbContext"/>).</summary>
public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options)
{
    /// <summary>Share of each answers page that a new row may fill, the rest kept free.</summary>
    /// <remarks>
    /// Every answer row is written awaited and changed once, when it is answered, in columns no index covers. With room
    /// on its page, PostgreSQL changes it in place (a HOT update) instead of writing a new version elsewhere and an entry in
    /// each of the table's four indexes. With pages filled whole, 1 % of a benchmark run's updates were in place. In a bare
    /// test of 400 reports' statements (200,000 answers, a third of them given facts), with this fill factor 80 % were:
    /// the statements took 1.6 to 1.8 s against 4.3 to 6.5 s, and the table with its indexes took 16 % more room
    /// (2026-12-03). At 45 a page's no-records answers all fit when their report settles them together; at 50 one in ten
    /// did not.
    /// </remarks>
    public const int AnswersFillFactor = 45;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<AgencyAnswerRecord>().HasStorageParameter("fillfactor", AnswersFillFactor);
    }
}
