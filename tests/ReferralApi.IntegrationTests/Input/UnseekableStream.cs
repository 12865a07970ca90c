namespace ReferralApi.IntegrationTests.Input;

/// <summary>A stream whose length cannot be known up front, so the body goes without Content-Length.</summary>
internal sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
