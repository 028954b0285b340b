using Dibao.Verification.AgencyHost;

try
{
    await using var app = AgencyHostApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupErrors.Describe(ex) is { } error)
{
    return StartupErrors.Report(error);
}
