using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>The hub's schema on SQL Server: its own type so that its migrations are its own (see <see cref="HubDbContext"/>).</summary>
public sealed class SqlServerHubDbContext(DbContextOptions<SqlServerHubDbContext> options) : HubDbContext(options);
