namespace Dibao.Verification.Host.Tests.Deployment;

/// <summary>A fact that needs docker-compose: skipped with a message naming the package when it is missing, unless <c>DIBAO_REQUIRE_SERVERS=1</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        if (DockerCompose.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
