package io.cohort.ppp;

/** Which end of the link this is: the server authenticates and assigns addresses. */
public enum Role { SERVER, CLIENT }
