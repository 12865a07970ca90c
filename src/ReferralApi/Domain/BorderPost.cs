namespace ReferralApi.Domain;

/// <summary>A cross-border post (PLBN) of West Kalimantan.</summary>
public enum BorderPost
{
    Entikong,
    Aruk,
    Badau,
    JagoiBabang,
    SeiKelik,
}
