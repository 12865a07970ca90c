namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>The engine cannot run on this machine; the message says why, and is printed with the skip.</summary>
public sealed class EngineUnavailableException : Exception
{
    public EngineUnavailableException()
    {
    }

    public EngineUnavailableException(string message)
        : base(message)
    {
    }

    public EngineUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
